package io.sextant.micrometer;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** This module reads Sextant through its public packages only, and shows only its two binders. */
class BoundaryTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(java.nio.file.Path.of("target", "classes")); // this module's classes only, fast

    @Test
    void usesOnlyPublicPackagesOfTheOtherModules() {
        assertThat(classes).isNotEmpty();
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.sextant.internal..",
                "io.sextant.balancer.internal..", "io.sextant.etcd..", "io.sextant.zookeeper..").check(classes);
    }

    @Test
    void onlyTheBindersArePublic() {
        classes().that().arePublic().should().haveSimpleNameEndingWith("Metrics").check(classes);
    }
}
