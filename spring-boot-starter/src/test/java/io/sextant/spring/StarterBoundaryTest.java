package io.sextant.spring;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter uses only the public packages of the other modules, and never names a backend: the
 * backend is chosen by {@code sextant.backend} alone.
 */
class StarterBoundaryTest {

    @Test
    void starterUsesOnlyPublicPackagesAndNamesNoBackend() throws Exception {
        // Only the starter's own class directory: scanning every jar on the class path for the package is slow.
        Path classes = Path.of(SextantAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaClasses starter = new ClassFileImporter().importPath(classes);
        assertThat(starter.size()).isGreaterThan(20);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.sextant.internal..",
                        "io.sextant.balancer.internal..", "io.sextant.etcd..", "io.sextant.zookeeper..")
                .because("other modules use io.sextant, io.sextant.spi, io.sextant.balancer and their spi only, "
                        + "and the backend is configuration")
                .check(starter);
    }
}
