package oms.shipping.shipment;

import java.util.Locale;
import oms.platform.error.DomainException;
import oms.platform.pagination.Page;
import oms.platform.pagination.PageRequest;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

@Service
class ShipmentService {

    private final ShipmentRepository shipments;

    ShipmentService(ShipmentRepository shipments) {
        this.shipments = shipments;
    }

    Mono<Page<Shipment>> page(ShipmentStatus status, String carrier, PageRequest request) {
        // carrier codes are upper case; people type "dhl"
        String carrierCode =
                carrier == null || carrier.isBlank() ? null : carrier.trim().toUpperCase(Locale.ROOT);
        return shipments
                .findPage(status, carrierCode, request)
                .collectList()
                .map(rows -> Page.fromRows(rows, request, ShipmentRepository::cursorOf));
    }

    Mono<Shipment> byTrackingNumber(String trackingNumber) {
        return shipments
                .findByTrackingNumber(trackingNumber.trim())
                .switchIfEmpty(
                        Mono.error(() -> DomainException.notFound("Shipment with tracking number", trackingNumber)));
    }
}
