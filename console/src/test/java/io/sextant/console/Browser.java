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

    static WebDriver start() {
        File chromium = new File(System.getProperty("sextant.chromium", "/usr/bin/chromium"));
        File driver = new File(System.getProperty("sextant.chromedriver", "/usr/bin/chromedriver"));
        assumeTrue(chromium.canExecute() && driver.canExecute(), "browser tests skipped: no " + chromium + " or "
                + driver + " (install the Debian packages chromium and chromium-driver, as .ci/run does)");
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
