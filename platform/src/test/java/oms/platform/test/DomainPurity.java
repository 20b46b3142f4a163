package oms.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The architecture rule every subgraph checks: domain values and rules (top-level records and enums
 * outside the generated GraphQL code) use no Spring, R2DBC, Reactor or DGS types. Records nested in
 * adapters (a repository's query parts, a loader's key) belong to the adapter, not to the domain.
 */
public final class DomainPurity {

    private DomainPurity() {}

    public static void check(String basePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        DescribedPredicate<JavaClass> domain = DescribedPredicate.describe(
                "domain records and enums",
                c -> c.getEnclosingClass().isEmpty()
                        && (c.isEnum()
                                || c.getRawSuperclass()
                                        .map(s -> s.isEquivalentTo(Record.class))
                                        .orElse(false))
                        && !c.getPackageName().contains(".graphql"));
        noClasses()
                .that(domain)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..", "io.r2dbc..", "reactor..", "com.netflix.graphql..", "graphql..")
                .check(classes);
    }
}
