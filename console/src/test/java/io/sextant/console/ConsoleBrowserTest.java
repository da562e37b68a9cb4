package io.sextant.console;

import io.sextant.Registration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;
import static org.awaitility.Awaitility.await;

/** The page in a real browser (headless Chromium) against a console on the memory backend. */
class ConsoleBrowserTest {
    private static WebDriver driver;
    private ConsoleFixture f;

    @BeforeAll
    static void browser() {
        if (Browser.missing() == null) {
            driver = Browser.start();
        } else {
            System.err.println(Browser.missing());
        }
    }

    @AfterAll
    static void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void store() {
        Browser.assumeAvailable();
        f = new ConsoleFixture();
        driver.manage().window().setSize(new Dimension(1280, 800));
    }

    @AfterEach
    void close() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    private List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    private void awaitLive() {
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.findElement(By.id("live")).getText().equals("live"));
    }

    @Test
    void listsAServiceThenShowsARegistrationAndARemovalWithoutReload() throws Exception {
        f.register("orders", "o1", "eu-1", 100, Map.of("version", "1.4.2"));
        f.register("orders", "o2", "eu-2", 100, Map.of());
        f.register("orders", "o3", "eu-2", 200, Map.of());
        Console c = f.console();
        driver.get(c.uri().toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> !all("#services tr[data-service='orders']").isEmpty()
                && all("#instances tbody tr").size() == 3);
        awaitLive();
        Object page = ((JavascriptExecutor) driver).executeScript("return window.performance.timeOrigin");

        long t0 = System.nanoTime();
        Registration o4 = f.register("orders", "o4", "eu-1", 50, Map.of("canary", "true"));
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> !all("#instances tr[data-id='o4']").isEmpty());
        System.out.printf("console: a registration was on the page %d ms after register()%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(driver.findElement(By.cssSelector("#instances tr[data-id='o4']")).getText())
                .contains("o4", "eu-1", "50", "UP", "canary=true");
        assertThat(driver.findElement(By.cssSelector("#instances tr[data-id='o4']")).getAttribute("class")).contains("flash");
        assertThat(driver.findElement(By.cssSelector("#services tr[data-service='orders']")).getText()).contains("4");
        assertThat(driver.findElement(By.id("feed")).getText()).contains("+o4");
        Browser.screenshot(driver, "console-1280x800");

        t0 = System.nanoTime();
        o4.close();
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> all("#instances tr[data-id='o4']").isEmpty());
        System.out.printf("console: a removal left the page %d ms after close()%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(all("#instances tbody tr")).hasSize(3);
        // The same page throughout: nothing reloaded it.
        assertThat(((JavascriptExecutor) driver).executeScript("return window.performance.timeOrigin")).isEqualTo(page);
        assertNoHorizontalScroll();
    }

    @Test
    void instancesAreSearchableAndSortable() throws Exception {
        f.register("find", "f-a", "eu-1", 300, Map.of("team", "blue"));
        f.register("find", "f-b", "eu-2", 100, Map.of("team", "red"));
        f.register("find", "f-c", "eu-1", 200, Map.of("team", "red"));
        Console c = f.console();
        driver.get(c.uri() + "#find");
        await().atMost(Duration.ofSeconds(10)).until(() -> all("#instances tbody tr").size() == 3);
        driver.findElement(By.id("search")).sendKeys("team=red");
        assertThat(ids()).containsExactly("f-b", "f-c");
        driver.findElement(By.id("search")).clear();
        driver.findElement(By.id("search")).sendKeys(" ");
        driver.findElement(By.cssSelector("#instances th[data-key='weight']")).click();
        assertThat(ids()).containsExactly("f-b", "f-c", "f-a");
        driver.findElement(By.cssSelector("#instances th[data-key='weight']")).click();
        assertThat(ids()).containsExactly("f-a", "f-c", "f-b");
        assertThat(driver.findElement(By.cssSelector("#instances th[data-key='weight']")).getAttribute("aria-sort"))
                .isEqualTo("descending");
    }

    private List<String> ids() {
        return all("#instances tbody tr").stream().map(r -> r.getAttribute("data-id")).toList();
    }

    @Test
    void maliciousMetadataRendersAsInertText() throws Exception {
        String script = "<script>window.__pwned=1;alert('xss')</script>";
        String img = "<img src=x onerror=\"window.__pwned=2;alert(2)\">";
        f.register("evil", "e1", "z<b>1</b>".replaceAll("[<>/]", ""), 100, Map.of("note", script, "pic", img));
        Console c = f.console();
        driver.get(c.uri() + "#evil");
        await().atMost(Duration.ofSeconds(10)).until(() -> !all("#instances tr[data-id='e1']").isEmpty());
        awaitLive();
        String text = driver.findElement(By.cssSelector("#instances tr[data-id='e1'] td.metadata")).getText();
        assertThat(text).contains("note=" + script).contains("pic=" + img);
        assertThat(all("#instances img, #instances script")).isEmpty();
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__pwned === undefined")).isEqualTo(true);
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        Browser.screenshot(driver, "console-escaping");
    }

    @Test
    void balancingSharesFollowTheWeights() throws Exception {
        f.register("pay", "p1", "eu-1", 100, Map.of());
        f.register("pay", "p2", "eu-1", 300, Map.of());
        f.register("pay", "p3", "eu-2", 600, Map.of());
        Console c = f.console();
        driver.get(c.uri() + "#pay");
        await().atMost(Duration.ofSeconds(10)).until(() -> all("#balance tbody tr").size() == 3);
        new Select(driver.findElement(By.id("strategy"))).selectByVisibleText("weighted-round-robin");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Map<String, Double> expected = Map.of("p1", 0.1, "p2", 0.3, "p3", 0.6);
            for (WebElement row : all("#balance tbody tr")) {
                String id = row.getAttribute("data-id");
                assertThat(Double.parseDouble(row.getAttribute("data-weight-share"))).isCloseTo(expected.get(id), offset(1e-9));
                assertThat(Double.parseDouble(row.getAttribute("data-share"))).as(id).isCloseTo(expected.get(id), offset(0.02));
            }
        });
        assertThat(driver.findElement(By.cssSelector("#balance tr[data-id='p3'] td.share")).getText()).isEqualTo("60.0%");
        Browser.screenshot(driver, "console-balancing");

        new Select(driver.findElement(By.id("strategy"))).selectByVisibleText("round-robin");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            for (WebElement row : all("#balance tbody tr")) {
                assertThat(Double.parseDouble(row.getAttribute("data-share"))).isCloseTo(1 / 3.0, offset(0.02));
            }
        });
    }

    @Test
    void usableAtPhoneWidth() throws Exception {
        f.register("phone", "ph1", "eu-1", 100, Map.of("k", "a fairly long metadata value that must not widen the page"));
        Console c = f.console();
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(c.uri().toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> !all("#instances tr[data-id='ph1']").isEmpty());
        assertNoHorizontalScroll();
        Browser.screenshot(driver, "console-phone");
    }

    @Test
    void thePageReconnectsAfterTheConsoleRestarts() throws Exception {
        f.register("rs", "r1", "", 100, Map.of());
        Console first = f.console();
        int port = first.address().getPort();
        driver.get(first.uri().toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> !all("#instances tr[data-id='r1']").isEmpty());
        awaitLive();
        first.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !driver.findElement(By.id("live")).getText().equals("live"));
        Console second = f.console(Console.builder(f.watcher).port(port));
        awaitLive();
        f.register("rs", "r2", "", 100, Map.of());
        await().atMost(Duration.ofSeconds(2)).until(() -> !all("#instances tr[data-id='r2']").isEmpty());
        assertThat(second.address().getPort()).isEqualTo(port);
    }

    @Test
    void withATokenThePageWorksThroughTheCookieItSets() throws Exception {
        f.register("secure", "s1", "", 100, Map.of());
        Console c = f.console(Console.builder(f.watcher).token("browser-token-1"));
        driver.get(c.uri().toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> !all("#instances tr[data-id='s1']").isEmpty());
        awaitLive();
        f.register("secure", "s2", "", 100, Map.of());
        await().atMost(Duration.ofSeconds(2)).until(() -> !all("#instances tr[data-id='s2']").isEmpty());
    }

    private void assertNoHorizontalScroll() {
        Object overflow = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).longValue()).as("page wider than the window").isLessThanOrEqualTo(0);
    }
}
