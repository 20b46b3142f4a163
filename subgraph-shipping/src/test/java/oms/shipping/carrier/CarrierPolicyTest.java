package oms.shipping.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CarrierPolicyTest {

    @Test
    void every_new_shipment_goes_with_dhl_until_orders_carry_a_shipping_preference() {
        assertThat(CarrierPolicy.carrierForNewShipment()).isEqualTo("DHL");
    }
}
