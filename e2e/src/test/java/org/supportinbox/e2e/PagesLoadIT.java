package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.logging.LogEntry;

/**
 * The pages load in a real Chromium under the gateway's Content-Security-Policy with nothing on the
 * console: no policy violation (an inline script or style, a handler attribute, a foreign origin),
 * no script error, no failed request.
 */
class PagesLoadIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  /**
   * Warnings and errors, except the 404 of {@code /favicon.ico}: the browser asks for it by itself
   * whatever the page says, and the UI has none.
   */
  private static List<LogEntry> problems(Browser b) {
    return b.readConsole().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .filter(e -> !e.getMessage().contains("/favicon.ico - Failed to load resource"))
        .toList();
  }

  private static void assertLoadsCleanly(Browser b, String url) {
    b.readConsole(); // forget what came before
    b.get(url);
    b.until(url + " loaded", d -> "complete".equals(b.js("return document.readyState")));
    assertThat(b.driver().getTitle()).as("title of %s", url).isNotBlank();
    assertThat(problems(b)).as("console of %s", url).isEmpty();
  }

  @Test
  void theOperatorPageLoadsUnderThePolicyWithACleanConsole() {
    assertLoadsCleanly(browsers.operator(), stack.operatorUrl("/"));
  }
}
