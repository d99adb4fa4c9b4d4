package dev.rowgate.pipeline;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's packages ({@code chromium}, {@code chromium-driver}), driven by
 * Selenium: no tool downloads a browser here. {@code ROWGATE_TEST_CHROMIUM} and
 * {@code ROWGATE_TEST_CHROMEDRIVER} name others. Screenshots go to {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final WebDriver driver;

  private Browser(WebDriver driver) {
    this.driver = driver;
  }

  static Browser start() {
    File chromium = executable("ROWGATE_TEST_CHROMIUM", "/usr/bin/chromium");
    File chromedriver = executable("ROWGATE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
    try {
      ChromeOptions options = new ChromeOptions().setBinary(chromium)
          .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
              "--disable-quic", "--user-data-dir=" + Files.createTempDirectory("rowgate-chromium-"));
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
          .usingAnyFreePort().build();
      WebDriver driver = new ChromeDriver(service, options);
      driver.manage().window().setSize(new Dimension(1280, 1000));
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
      return new Browser(driver);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static File executable(String variable, String fallback) {
    String path = System.getenv(variable) == null ? fallback : System.getenv(variable);
    File file = new File(path);
    if (!file.canExecute()) {
      throw new IllegalStateException(path + " is missing: the console's tests need Debian's chromium and "
          + "chromium-driver (apt-get install chromium chromium-driver), or " + variable + " naming another");
    }
    return file;
  }

  /** Keeps what the browser shows now as {@code target/screenshots/<name>.png}. */
  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
