package oms.shipping.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CarrierTest {

    private static final Carrier UPS =
            new Carrier("UPS", "United Parcel Service", "https://www.ups.com/track?tracknum={trackingNumber}");

    @Test
    void the_tracking_link_carries_the_tracking_number() {
        assertThat(UPS.trackingUrl("1Z999AA10123456784"))
                .isEqualTo("https://www.ups.com/track?tracknum=1Z999AA10123456784");
    }

    @Test
    void a_shipment_without_a_tracking_number_has_no_tracking_link() {
        assertThat(UPS.trackingUrl(null)).isNull();
        assertThat(UPS.trackingUrl("  ")).isNull();
    }

    @Test
    void a_carrier_without_a_tracking_page_gives_no_link() {
        assertThat(new Carrier("COURIER", "Local courier", null).trackingUrl("42"))
                .isNull();
    }

    @Test
    void a_tracking_number_cannot_break_out_of_the_link() {
        assertThat(UPS.trackingUrl(" 12 34/56&x=1 "))
                .isEqualTo("https://www.ups.com/track?tracknum=12%2034%2F56%26x%3D1");
    }

    @Test
    void a_template_may_use_the_number_in_its_path() {
        Carrier dpd = new Carrier("DPD", "DPD", "https://tracking.dpd.de/status/en_DE/parcel/{trackingNumber}");
        assertThat(dpd.trackingUrl("01234567890123"))
                .isEqualTo("https://tracking.dpd.de/status/en_DE/parcel/01234567890123");
    }
}
