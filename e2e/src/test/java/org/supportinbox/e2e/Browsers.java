package org.supportinbox.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.WebDriverException;

/**
 * The two windows of a test class, an operator's and a customer's, each its own Chromium. Opened
 * before the class's first test, quit after its last; when a test fails, both windows are saved as
 * {@code <TestClass>.<test>-<window>.png} in the screenshots folder, with their console, before
 * anything else happens to them.
 *
 * <pre>{@code @RegisterExtension static final Browsers browsers = new Browsers();}</pre>
 */
final class Browsers implements BeforeAllCallback, AfterAllCallback, TestWatcher {

  private Browser operator;
  private Browser customer;

  Browser operator() {
    return operator;
  }

  Browser customer() {
    return customer;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    operator = Browser.open("operator");
    try {
      customer = Browser.open("customer");
    } catch (RuntimeException e) {
      operator.close();
      throw e;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (operator != null) {
        operator.close();
      }
    } finally {
      if (customer != null) {
        customer.close();
      }
    }
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    String test =
        context.getRequiredTestClass().getSimpleName()
            + "."
            + context.getRequiredTestMethod().getName();
    for (Browser b : new Browser[] {operator, customer}) {
      if (b == null) {
        continue;
      }
      try {
        String alert = b.openAlert();
        if (alert != null) {
          System.err.println(test + " " + b.name() + ": an alert is open: " + alert);
          b.driver().switchTo().alert().dismiss();
        }
        Path shot = b.screenshot(test + "-" + b.name() + ".png");
        System.err.println(test + " failed; " + b.name() + " window: " + shot);
        b.console().forEach(e -> System.err.println("  console " + b.name() + ": " + e));
      } catch (WebDriverException | java.io.UncheckedIOException e) {
        System.err.println(test + ": no screenshot of " + b.name() + ": " + e.getMessage());
      }
    }
  }
}
