package io.sextant.console;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium driven by Selenium, from the Debian packages {@code chromium} and {@code chromium-driver}
 * ({@code .ci/run} installs them). Where neither exists the tests are skipped with a message saying so; paths can
 * be overridden with {@code -Dsextant.chromium} and {@code -Dsextant.chromedriver}.
 */
final class Browser {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {
    }

    private static final File CHROMIUM = new File(System.getProperty("sextant.chromium", "/usr/bin/chromium"));
    private static final File DRIVER = new File(System.getProperty("sextant.chromedriver", "/usr/bin/chromedriver"));

    /** Why the browser tests cannot run here, or null when they can. */
    static String missing() {
        if (CHROMIUM.canExecute() && DRIVER.canExecute()) {
            return null;
        }
        return "browser tests skipped: no " + (CHROMIUM.canExecute() ? DRIVER : CHROMIUM)
                + " (install the Debian packages chromium and chromium-driver, as .ci/run does)";
    }

    /** Skips the calling test, with the reason, when there is no browser. */
    static void assumeAvailable() {
        assumeTrue(missing() == null, missing());
    }

    static WebDriver start() {
        File chromium = CHROMIUM;
        File driver = DRIVER;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                "--disable-gpu", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
                .usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, options);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        return d;
    }

    /** Saves what the browser shows as {@code target/screenshots/NAME.png}, for a person to look at. */
    static Path screenshot(WebDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }
}
