package oms.inventory;

import oms.platform.test.DomainPurity;
import oms.platform.test.LoaderContext;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void domain_values_and_rules_use_no_framework_types() {
        DomainPurity.check("oms.inventory");
    }

    @Test
    void every_data_loader_runs_with_the_request_context() {
        LoaderContext.check("oms.inventory");
    }
}
