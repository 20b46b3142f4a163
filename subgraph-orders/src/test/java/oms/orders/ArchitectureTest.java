package oms.orders;

import java.nio.file.Path;
import oms.platform.test.DomainPurity;
import oms.platform.test.EntityAccessContract;
import oms.platform.test.LoaderContext;
import oms.platform.test.SchemaContract;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void domain_values_and_rules_use_no_framework_types() {
        DomainPurity.check("oms.orders");
    }

    @Test
    void every_string_and_list_input_is_bounded_and_every_error_code_is_the_platforms() {
        SchemaContract.check(Path.of("src/main/resources/schema"));
    }

    @Test
    void every_data_loader_runs_with_the_request_context() {
        LoaderContext.check("oms.orders");
    }

    @Test
    void every_entity_fetcher_checks_the_caller_or_is_declared_public() {
        EntityAccessContract.check("oms.orders");
    }
}
