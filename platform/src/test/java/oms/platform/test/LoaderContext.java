package oms.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.netflix.graphql.dgs.DgsDataLoader;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import oms.platform.graphql.ReactiveBatchLoader;

/**
 * The rule every subgraph checks: each DataLoader is a {@link ReactiveBatchLoader}, so its queries run
 * with the request's context (trace, SQL statement tally) and the N+1 guards see every statement.
 */
public final class LoaderContext {

    private LoaderContext() {}

    public static void check(String basePackage) {
        classes()
                .that()
                .areAnnotatedWith(DgsDataLoader.class)
                .should()
                .implement(ReactiveBatchLoader.class)
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(basePackage));
    }
}
