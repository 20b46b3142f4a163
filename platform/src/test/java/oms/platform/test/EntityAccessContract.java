package oms.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.stream.Stream;
import oms.platform.security.PublicEntity;

/**
 * One way to authorize {@code _entities}: every entity fetcher of a subgraph calls the subgraph's
 * access class (a class named {@code …Access}), directly or in the lambdas it chains, or is declared
 * {@link PublicEntity} with its reason. A new entity fetcher that forgets the caller fails this.
 */
public final class EntityAccessContract {

    private EntityAccessContract() {}

    public static void check(String basePackage) {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        methods()
                .that()
                .areAnnotatedWith(DgsEntityFetcher.class)
                .should(new ArchCondition<JavaMethod>("call an …Access class or be declared @PublicEntity") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        boolean declaredPublic = method.isAnnotatedWith(PublicEntity.class);
                        boolean checks = Stream.concat(
                                        Stream.of(method),
                                        method.getOwner().getMethods().stream()
                                                .filter(m ->
                                                        m.getName().startsWith("lambda$" + method.getName() + "$")))
                                .flatMap(m -> m.getMethodCallsFromSelf().stream())
                                .map(JavaMethodCall::getTargetOwner)
                                .anyMatch(owner -> owner.getSimpleName().endsWith("Access"));
                        events.add(new SimpleConditionEvent(
                                method,
                                declaredPublic || checks,
                                method.getFullName()
                                        + (declaredPublic || checks
                                                ? " checks the caller"
                                                : " neither calls an …Access class nor is declared @PublicEntity")));
                    }
                })
                .check(classes);
    }
}
