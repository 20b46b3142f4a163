package oms.shipping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * A test over the demo data seeded at start-up. Such tests share one application context that neither
 * follows the orders stream nor polls its outbox in the background: the JVM's one Redis is shared with
 * the context of the lifecycle tests, whose consumer must see every orders event, and statement-count
 * tests must count their own statements only.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@TestPropertySource(
        properties = {"oms.demo.seed=true", "oms.shipping.order-events.enabled=false", "oms.outbox.poll-interval=1h"})
public @interface SeededDemo {}
