package oms.shipping.shipment;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import java.util.List;
import java.util.UUID;
import oms.platform.error.Outcome;
import oms.platform.graphql.Ids;
import oms.platform.security.Callers;
import oms.platform.security.Role;
import oms.shipping.graphql.types.DispatchShipmentInput;
import oms.shipping.graphql.types.RecordDeliveryInput;
import oms.shipping.graphql.types.RecordShipmentEventInput;
import oms.shipping.graphql.types.ShipmentPayload;
import reactor.core.publisher.Mono;

/** The warehouse's and carriers' reports; only warehouse staff (and admins) may make them. */
@DgsComponent
class ShipmentMutations {

    /** The tracking module's loader of events per shipment, by its registered name. */
    private static final String EVENTS_LOADER = "eventsByShipment";

    private final ShipmentLifecycle lifecycle;

    ShipmentMutations(ShipmentLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @DgsMutation
    Mono<ShipmentPayload> dispatchShipment(@InputArgument DispatchShipmentInput input, DgsDataFetchingEnvironment dfe) {
        Callers.of(dfe).require(Role.WAREHOUSE);
        UUID id = Ids.parse(input.getShipmentId(), "input", "shipmentId");
        return lifecycle
                .dispatch(id, new Step.Dispatch(input.getCarrier(), input.getTrackingNumber()))
                .map(outcome -> payload(outcome, dfe));
    }

    @DgsMutation
    Mono<ShipmentPayload> recordShipmentEvent(
            @InputArgument RecordShipmentEventInput input, DgsDataFetchingEnvironment dfe) {
        Callers.of(dfe).require(Role.WAREHOUSE);
        UUID id = Ids.parse(input.getShipmentId(), "input", "shipmentId");
        return lifecycle
                .scan(id, new Step.Scan(input.getStatus(), input.getLocation(), input.getDescription()))
                .map(outcome -> payload(outcome, dfe));
    }

    @DgsMutation
    Mono<ShipmentPayload> recordDelivery(@InputArgument RecordDeliveryInput input, DgsDataFetchingEnvironment dfe) {
        Callers.of(dfe).require(Role.WAREHOUSE);
        UUID id = Ids.parse(input.getShipmentId(), "input", "shipmentId");
        return lifecycle.deliver(id, new Step.Delivery(input.getLocation())).map(outcome -> payload(outcome, dfe));
    }

    private static ShipmentPayload payload(Outcome<Shipment> outcome, DgsDataFetchingEnvironment dfe) {
        return switch (outcome) {
            case Outcome.Done<Shipment> done -> {
                Shipment shipment = done.value();
                // one request may hold several mutations: later fields must see this change, not earlier loads
                dfe.<UUID, Shipment>getDataLoader(ShipmentLoader.class)
                        .clear(shipment.id())
                        .prime(shipment.id(), shipment);
                dfe.getDataLoader(EVENTS_LOADER).clear(shipment.id());
                yield ShipmentPayload.newBuilder()
                        .shipment(shipment)
                        .userErrors(List.of())
                        .build();
            }
            case Outcome.Rejected<Shipment> rejected ->
                ShipmentPayload.newBuilder().userErrors(rejected.violations()).build();
        };
    }
}
