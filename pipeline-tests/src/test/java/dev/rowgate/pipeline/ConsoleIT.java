package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.rowgate.stack.Service;
import dev.rowgate.stack.test.HiringData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real browser, on the whole pipeline: sign in, upload the hiring files,
 * watch the hires reach done, find their 70 rejected rows, fix one and see it persisted, take and
 * restore a backup; a viewer sees no button it may not press, and the server refuses it anyway.
 * Each page is kept as a screenshot under target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

  static Pipeline pipeline;
  static Browser browser;
  static WebDriver page;
  static String console;

  @BeforeAll
  static void start() {
    pipeline = Pipeline.withEnvironment(Map.of(), Map.of("ROWGATE_SECURITY_USERS_VERA_PASSWORD", "vera-secret",
        "ROWGATE_SECURITY_USERS_VERA_ROLES", "viewer"));
    console = pipeline.stack.url(Service.INGEST_API, 1) + "/console";
    browser = Browser.start();
    page = browser.driver;
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    pipeline.close();
  }

  @Test
  @Order(1)
  void anOperatorSignsInAndUploadsTheHiringFilesWatchingTheHiresReachDone() {
    page.get(console);
    assertThat(page.getCurrentUrl()).endsWith("/console/login");
    browser.screenshot("login");
    signIn("admin", pipeline.stack.adminPassword());
    assertThat(page.findElement(By.id("tables")).getText()).contains("departments", "jobs", "hired_employees");

    for (String table : List.of("departments", "jobs", "hired_employees")) {
      upload(table);
    }
    WebElement hires = waitFor(d -> d.findElements(By.cssSelector("#batches tr[data-batch]")).stream()
        .filter(row -> row.getText().contains("hired_employees.csv")).findFirst().orElse(null));
    waitFor(Duration.ofSeconds(120), d -> hires.findElement(By.cssSelector("[data-field=state]")).getText()
        .equals("done") ? true : null);
    assertThat(hires.findElement(By.cssSelector("[data-field=persisted]")).getText()).isEqualTo("1929");
    assertThat(hires.findElement(By.cssSelector("[data-field=rejected]")).getText()).isEqualTo("70");
    browser.screenshot("loads");
    page.get(console);
    browser.screenshot("overview");
    assertThat(page.findElement(By.id("services")).getText()).contains("db-writer", "backup-service")
        .doesNotContain("UNREACHABLE", "DOWN");
  }

  @Test
  @Order(2)
  void theSeventyRejectedHiresAreFoundAndOneIsFixedAndPersisted() {
    page.get(console + "/errors?table=hired_employees&rule=required");
    assertThat(page.findElements(By.cssSelector("#rejected tbody tr"))).hasSize(50);
    browser.screenshot("rejected-rows");
    follow(By.id("next"));
    assertThat(page.findElements(By.cssSelector("#rejected tbody tr"))).hasSize(20);

    follow(By.cssSelector("#rejected tbody tr a"));
    String id = page.findElement(By.id("value-id")).getDomProperty("value");
    for (WebElement value : page.findElements(By.cssSelector("#edit input[type=text]"))) {
      if (value.getDomProperty("value").isEmpty()) {
        value.sendKeys(fix(value.getDomAttribute("name")));
      }
    }
    browser.screenshot("rejected-row");
    follow(By.id("send-again"));
    assertThat(page.findElement(By.id("message")).getText()).startsWith("Sent again as batch redrive-");
    assertThat(page.findElement(By.id("state")).getText()).isEqualTo("redriven");

    follow(By.cssSelector(".flash a"));
    WebElement batch = page.findElement(By.cssSelector("#batches tr[data-batch]"));
    waitFor(d -> batch.findElement(By.cssSelector("[data-field=state]")).getText().equals("done") ? true : null);
    assertThat(batch.findElement(By.cssSelector("[data-field=persisted]")).getText()).isEqualTo("1");
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees WHERE id = " + id)).isEqualTo(1);
  }

  @Test
  @Order(3)
  void anAdminTakesABackupAndRestoresItAfterAConfirmationNamingTheTableAndItsRows() {
    page.get(console + "/backups");
    follow(By.id("backup-hired_employees"));
    waitFor(d -> d.findElement(By.id("operation-state")).getText().equals("done") ? true : null);
    browser.screenshot("backup-taken");

    page.get(console + "/backups");
    follow(By.cssSelector("[data-table=hired_employees] a.restore"));
    assertThat(page.findElement(By.id("confirmation")).getText())
        .contains("hired_employees", "now holds 1930 rows", "1930 rows");
    browser.screenshot("restore-confirmation");
    follow(By.id("restore"));
    waitFor(d -> d.findElement(By.id("operation-state")).getText().equals("done") ? true : null);
    assertThat(page.findElement(By.id("operation-detail")).getText()).isEqualTo("done: 1930 rows");
    browser.screenshot("restored");
    page.get(console + "/tables");
    assertThat(page.findElement(By.cssSelector("[data-table=hired_employees]")).getText())
        .contains("department_id", "references departments.id");
    browser.screenshot("tables");
  }

  @Test
  @Order(4)
  void aViewerSeesNoButtonItMayNotPressAndTheServerRefusesItAnyway() {
    follow(By.id("sign-out"));
    assertThat(page.findElement(By.cssSelector("main")).getText()).as(page.getCurrentUrl()).contains("Signed out.");
    signIn("vera", "vera-secret");
    page.get(console + "/loads");
    assertThat(page.findElements(By.id("upload"))).isEmpty();
    page.get(console + "/errors?table=hired_employees");
    assertThat(page.findElements(By.cssSelector("#rejected input[type=checkbox]"))).isEmpty();
    assertThat(page.findElements(By.id("redrive-all"))).isEmpty();
    page.get(console + "/backups");
    assertThat(page.findElements(By.id("backup-hired_employees"))).isEmpty();

    Object status = ((JavascriptExecutor) page).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch('/console/errors/hired_employees/discard', {method: 'POST', headers: {
            [document.querySelector('meta[name=csrf-header]').content]: document.querySelector('meta[name=csrf-token]').content,
            'Content-Type': 'application/x-www-form-urlencoded'}, body: 'all=true&reason=no'}).then(r => done(r.status));
        """);
    assertThat(status).isEqualTo(403L);
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees_errors WHERE state = 'discarded'")).isZero();

    page.manage().window().setSize(new Dimension(390, 844));
    page.get(console + "/errors?table=hired_employees");
    browser.screenshot("rejected-rows-narrow");
    page.get(console);
    browser.screenshot("overview-narrow");
    assertThat(page.findElement(By.id("tables")).isDisplayed()).isTrue();
  }

  private static void signIn(String user, String password) {
    page.findElement(By.id("username")).sendKeys(user);
    page.findElement(By.id("password")).sendKeys(password);
    follow(By.id("sign-in"));
    assertThat(page.findElement(By.cssSelector(".who span")).getText()).startsWith(user);
  }

  /**
   * Clicks what leads to another page, and waits until the browser has left this one. While the
   * page is going, Chromium may answer that the old page's node "does not belong to the document"
   * instead of that it is stale: the wait asks again.
   */
  private static void follow(By link) {
    WebElement left = page.findElement(By.tagName("html"));
    page.findElement(link).click();
    new WebDriverWait(page, Duration.ofSeconds(60)).ignoring(WebDriverException.class)
        .until(ExpectedConditions.stalenessOf(left));
  }

  /** Uploads the hiring data's file of a table from the Loads page, and waits for its batch in the list. */
  private static void upload(String table) {
    Path file = HiringData.file(table);
    page.get(console + "/loads");
    new Select(page.findElement(By.id("upload-table"))).selectByValue(table);
    page.findElement(By.id("upload-file")).sendKeys(file.toString());
    page.findElement(By.id("upload-send")).click();
    waitFor(d -> d.getCurrentUrl().endsWith("/console/loads?table=" + table) ? true : null);
    assertThat(page.findElement(By.cssSelector("#batches tr[data-batch]")).getText()).contains(table + ".csv");
  }

  /** A valid value for a hire's field that the file left empty. */
  private static String fix(String field) {
    return switch (field) {
      case "value.name" -> "Fixed In The Console";
      case "value.datetime" -> "2021-06-01T00:00:00Z";
      default -> "1";
    };
  }

  private static <T> T waitFor(Function<WebDriver, T> condition) {
    return waitFor(Duration.ofSeconds(60), condition);
  }

  private static <T> T waitFor(Duration atMost, Function<WebDriver, T> condition) {
    return new WebDriverWait(page, atMost).until(condition::apply);
  }
}
