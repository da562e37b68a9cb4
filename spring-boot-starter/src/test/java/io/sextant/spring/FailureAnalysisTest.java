package io.sextant.spring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad configuration fails startup with Spring Boot's failure report naming the property. */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalysisTest {

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }

    private static void start(String... args) {
        SpringApplication app = new SpringApplication(App.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.run(args);
    }

    private static String report(CapturedOutput output) {
        String all = output.getAll();
        int at = all.indexOf("APPLICATION FAILED TO START");
        assertThat(at).as("Spring Boot's failure report").isNotNegative();
        return all.substring(at);
    }

    @Test
    void unknownBackendNamesSextantBackend(CapturedOutput output) {
        assertThatThrownBy(() -> start("--spring.application.name=a", "--sextant.backend=consul"))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThat(report(output)).contains("property 'sextant.backend'").contains("'consul'")
                .contains("available").contains("Action:").contains("Fix 'sextant.backend'");
    }

    @Test
    void etcdWithoutEndpointsNamesSextantEtcdEndpoints(CapturedOutput output) {
        assertThatThrownBy(() -> start("--spring.application.name=a", "--sextant.backend=etcd"))
                .isInstanceOf(RuntimeException.class);
        assertThat(report(output)).contains("property 'sextant.etcd.endpoints'");
    }

    @Test
    void zookeeperWithoutConnectNamesSextantZookeeperConnect(CapturedOutput output) {
        assertThatThrownBy(() -> start("--spring.application.name=a", "--sextant.backend=zookeeper"))
                .isInstanceOf(RuntimeException.class);
        assertThat(report(output)).contains("property 'sextant.zookeeper.connect'");
    }

    @Test
    void missingBackendNamesSextantBackend(CapturedOutput output) {
        assertThatThrownBy(() -> start("--spring.application.name=a")).isInstanceOf(RuntimeException.class);
        assertThat(report(output)).contains("property 'sextant.backend'").contains("sextant.enabled=false");
    }

    @Test
    void badDurationNamesItsKey(CapturedOutput output) {
        assertThatThrownBy(() -> start("--spring.application.name=a", "--sextant.backend=memory",
                "--sextant.ttl=-5s")).isInstanceOf(RuntimeException.class);
        assertThat(report(output)).contains("property 'sextant.ttl'");
    }

    @Test
    void applicationNameThatIsNoServiceNameNamesSpringApplicationName(CapturedOutput output) {
        assertThatThrownBy(() -> start("--spring.application.name=orders service!", "--sextant.backend=memory"))
                .isInstanceOf(RuntimeException.class);
        assertThat(report(output)).contains("property 'spring.application.name'");
    }

    @Test
    void unreachableBackendNamesItsConnectionProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("--spring.application.name=a", "--sextant.backend=etcd",
                "--sextant.etcd.endpoints=http://127.0.0.1:1", "--sextant.connect.timeout=1s"))
                .isInstanceOf(RuntimeException.class);
        assertThat(report(output)).contains("property 'sextant.etcd.endpoints'").contains("could not be reached");
    }
}
