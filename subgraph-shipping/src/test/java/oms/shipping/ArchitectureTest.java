package oms.shipping;

import oms.platform.test.DomainPurity;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void domain_values_and_rules_use_no_framework_types() {
        DomainPurity.check("oms.shipping");
    }
}
