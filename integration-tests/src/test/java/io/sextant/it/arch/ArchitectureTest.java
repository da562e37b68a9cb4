package io.sextant.it.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.sextant.it.arch.bad.BackendReachingIntoTheCore;
import io.sextant.it.arch.bad.LeakyPublicType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries of DESIGN.md, checked on the compiled classes of every module on this
 * module's class path: other modules use only the public packages of {@code sextant-api}
 * ({@code io.sextant}, {@code io.sextant.spi}, {@code io.sextant.spi.support}, {@code io.sextant.memory})
 * and of {@code sextant-balancer} ({@code io.sextant.balancer}, {@code io.sextant.balancer.spi});
 * no public signature mentions an internal type; the api needs no balancing, metrics or backend
 * library. A violation names both classes (ArchUnit's message: "Method &lt;A.m()&gt; calls method
 * &lt;B.n()&gt; in (A.java:12)").
 */
class ArchitectureTest {

    static final String[] API_PACKAGES = {"io.sextant", "io.sextant.spi", "io.sextant.spi.support",
            "io.sextant.memory", "io.sextant.internal.."};
    static final String[] PUBLIC_PACKAGES = {"io.sextant", "io.sextant.spi", "io.sextant.spi.support",
            "io.sextant.memory", "io.sextant.balancer", "io.sextant.balancer.spi"};

    /**
     * The two entry points from the public surface into the machinery (as Resilience4j's
     * {@code CircuitBreaker.of} creates its internal state machine): {@code Registry.open} and
     * {@code BalancerBuilder.build}. Their signatures mention only public types.
     */
    static final Set<String> ENTRY_POINTS = Set.of("io.sextant.Registry", "io.sextant.balancer.BalancerBuilder");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.sextant");
        // The check is only worth something if every module is on the class path.
        assertThat(production.stream().map(JavaClass::getPackageName).distinct())
                .contains("io.sextant", "io.sextant.internal", "io.sextant.balancer", "io.sextant.balancer.internal",
                        "io.sextant.etcd", "io.sextant.zookeeper", "io.sextant.testing", "io.sextant.cli",
                        "io.sextant.micrometer");
    }

    static ArchRule onlyTheApiUsesItsInternals() {
        return noClasses().that().resideOutsideOfPackages(API_PACKAGES)
                .should().dependOnClassesThat().resideInAPackage("io.sextant.internal..")
                .because("io.sextant.internal is private to sextant-api; use io.sextant, io.sextant.spi or io.sextant.spi.support");
    }

    static ArchRule onlyTheBalancerUsesItsInternals() {
        return noClasses().that().resideOutsideOfPackage("io.sextant.balancer..")
                .should().dependOnClassesThat().resideInAPackage("io.sextant.balancer.internal..")
                .because("io.sextant.balancer.internal is private to sextant-balancer; use io.sextant.balancer or its spi");
    }

    static ArchRule publicSignaturesMentionNoInternalType() {
        return classes().that().resideInAnyPackage(PUBLIC_PACKAGES).and().arePublic()
                .should(exposeNoInternalType())
                .because("a reader must be able to tell the surface from the machinery");
    }

    @Test
    void otherModulesUseOnlyThePublicPackagesOfTheApi() {
        onlyTheApiUsesItsInternals().check(production);
    }

    @Test
    void otherModulesUseOnlyThePublicPackagesOfTheBalancer() {
        onlyTheBalancerUsesItsInternals().check(production);
    }

    @Test
    void publicTypesMentionNoInternalTypeInTheirSignatures() {
        publicSignaturesMentionNoInternalType().check(production);
    }

    @Test
    void publicPackagesReachTheMachineryOnlyThroughTheirEntryPoints() {
        noClasses().that().resideInAnyPackage(PUBLIC_PACKAGES)
                .and(DescribedPredicate.describe("are not an entry point",
                        (JavaClass c) -> !ENTRY_POINTS.contains(c.getName())
                                && !ENTRY_POINTS.contains(c.getName().replaceAll("\\$.*", ""))))
                .should().dependOnClassesThat().resideInAPackage("..internal..")
                .check(production);
    }

    @Test
    void theApiNeedsNoBalancingMetricsOrBackendLibrary() {
        noClasses().that().resideInAnyPackage(API_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage("io.github.resilience4j..", "io.micrometer..",
                        "io.etcd..", "org.apache.curator..", "org.apache.zookeeper..", "io.sextant.balancer..",
                        "io.sextant.etcd..", "io.sextant.zookeeper..")
                .check(production);
    }

    @Test
    void backendsDoNotDependOnEachOtherOrOnTheBalancer() {
        noClasses().that().resideInAPackage("io.sextant.etcd..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sextant.zookeeper..", "io.sextant.balancer..")
                .check(production);
        noClasses().that().resideInAPackage("io.sextant.zookeeper..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sextant.etcd..", "io.sextant.balancer..")
                .check(production);
    }

    /** The rules can fail: on classes that break them, the message names both sides. */
    @Test
    void theRulesCatchAForbiddenImportAndNameBothClasses() {
        JavaClasses bad = new ClassFileImporter().importClasses(BackendReachingIntoTheCore.class, LeakyPublicType.class,
                io.sextant.internal.Keys.class);
        EvaluationResult result = onlyTheApiUsesItsInternals().evaluate(bad);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line)
                .contains(BackendReachingIntoTheCore.class.getName()).contains("io.sextant.internal.Keys"));
    }

    private static ArchCondition<JavaClass> exposeNoInternalType() {
        return new ArchCondition<>("expose no internal type in a public or protected signature") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                Stream.concat(c.getRawSuperclass().stream(), c.getRawInterfaces().stream())
                        .filter(ArchitectureTest::isInternal)
                        .forEach(t -> events.add(SimpleConditionEvent.violated(c,
                                c.getName() + " extends/implements internal " + t.getName())));
                for (JavaCodeUnit m : c.getCodeUnits()) {
                    if (!isVisible(m.getModifiers())) {
                        continue;
                    }
                    Stream.concat(Stream.of(m.getRawReturnType()), m.getRawParameterTypes().stream())
                            .filter(ArchitectureTest::isInternal)
                            .forEach(t -> events.add(SimpleConditionEvent.violated(m,
                                    m.getFullName() + " mentions internal " + t.getName())));
                }
                for (JavaField f : c.getFields()) {
                    if (isVisible(f.getModifiers()) && isInternal(f.getRawType())) {
                        events.add(SimpleConditionEvent.violated(f,
                                f.getFullName() + " has internal type " + f.getRawType().getName()));
                    }
                }
            }
        };
    }

    private static boolean isVisible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static boolean isInternal(JavaClass type) {
        return type.getPackageName().contains(".internal");
    }

    /** The signature rule fails too, naming the member and the internal type. */
    @Test
    void theSignatureRuleCatchesALeak() {
        JavaClasses bad = new ClassFileImporter().importClasses(LeakyPublicType.class, io.sextant.internal.Keys.class);
        EvaluationResult result = classes().that().arePublic().and().haveSimpleName("LeakyPublicType")
                .should(exposeNoInternalType()).evaluate(bad);
        assertThat(result.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line)
                .contains("LeakyPublicType").contains("io.sextant.internal.Keys"));
    }
}
