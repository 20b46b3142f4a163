package oms.orders.placement;

import java.time.Duration;
import oms.platform.events.Retention;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Idempotency keys are kept {@code oms.retention.idempotency-keys} (48 hours): a retry within that time is recognised. */
@Configuration
class KeyRetention {

    @Bean
    Retention.Rule idempotencyKeys(@Value("${oms.retention.idempotency-keys:48h}") Duration keep) {
        return new Retention.Rule("idempotency_keys", "created_at", keep);
    }
}
