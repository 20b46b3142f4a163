package oms.shipping.carrier;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A parcel carrier and where its customers can follow a parcel. */
public record Carrier(String code, String name, String trackingUrlTemplate) {

    static final String PLACEHOLDER = "{trackingNumber}";

    /**
     * The public tracking page for a parcel, or null without a number or a template. The number is
     * URL-encoded because carriers and warehouse staff occasionally type spaces or slashes into it.
     */
    public String trackingUrl(String trackingNumber) {
        if (trackingNumber == null || trackingNumber.isBlank() || trackingUrlTemplate == null) {
            return null;
        }
        String encoded =
                URLEncoder.encode(trackingNumber.trim(), StandardCharsets.UTF_8).replace("+", "%20");
        return trackingUrlTemplate.replace(PLACEHOLDER, encoded);
    }
}
