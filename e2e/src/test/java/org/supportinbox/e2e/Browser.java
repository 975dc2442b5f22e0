package org.supportinbox.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium window driven by Selenium through the Debian {@code chromedriver}: nothing
 * is ever downloaded (no Selenium Manager, no driver or browser builds). {@code .ci/run} installs
 * both packages.
 */
final class Browser implements AutoCloseable {

  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  /** Generous: two cores shared by three JVM servers, a function and two browsers. */
  static final Duration WAIT = Duration.ofSeconds(60);

  private final String name;
  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final List<LogEntry> console = new ArrayList<>();

  private Browser(String name, ChromeDriverService service, ChromeDriver driver) {
    this.name = name;
    this.service = service;
    this.driver = driver;
  }

  /** A new window; {@code name} prefixes its screenshots. */
  static Browser open(String name) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1366,900");
    // The console (CSP violations, script errors) is read back with driver.manage().logs().
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, Level.ALL.getName()));
    // An alert stays open until a test looks for it, instead of being dismissed silently.
    options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(WAIT);
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
      return new Browser(name, service, driver);
    } catch (RuntimeException e) {
      service.stop();
      throw e;
    }
  }

  String name() {
    return name;
  }

  ChromeDriver driver() {
    return driver;
  }

  void get(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Waits (up to {@link #WAIT}) until {@code condition} yields a non-null, non-false value. */
  <T> T until(String what, ExpectedCondition<T> condition) {
    WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(200));
    wait.withMessage(() -> name + ": " + what);
    // The UI re-renders lists as events arrive: an element found a moment ago may be replaced.
    wait.ignoring(StaleElementReferenceException.class);
    return wait.until(condition);
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Every value in the page's sessionStorage, by key. */
  @SuppressWarnings("unchecked")
  Map<String, String> sessionStorage() {
    return (Map<String, String>)
        js(
            "const o = {}; for (let i = 0; i < sessionStorage.length; i++) {"
                + " const k = sessionStorage.key(i); o[k] = sessionStorage.getItem(k); }"
                + " return o;");
  }

  /** The text of an open alert, or null when none is open. */
  String openAlert() {
    try {
      return driver.switchTo().alert().getText();
    } catch (NoAlertPresentException e) {
      return null;
    }
  }

  /**
   * The console entries since the last call (Chromium hands each entry out once), kept in {@link
   * #console()} too.
   */
  List<LogEntry> readConsole() {
    List<LogEntry> fresh = driver.manage().logs().get(LogType.BROWSER).getAll();
    console.addAll(fresh);
    return fresh;
  }

  /** Everything read from the console so far. */
  List<LogEntry> console() {
    readConsole();
    return List.copyOf(console);
  }

  /** Saves a PNG of the window as {@code <e2e.screenshots>/<file>}; returns where. */
  Path screenshot(String file) {
    Path dir = Path.of(System.getProperty("e2e.screenshots", "target/screenshots"));
    try {
      Files.createDirectories(dir);
      Path target = dir.resolve(file);
      Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
      Files.move(taken, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save screenshot " + file, e);
    }
  }

  /** Quits the browser and stops its chromedriver (the processes this window started). */
  @Override
  public void close() {
    try {
      driver.quit();
    } catch (WebDriverException e) {
      System.err.println(name + ": quit failed, stopping chromedriver: " + e.getMessage());
    } finally {
      service.stop();
    }
  }
}
