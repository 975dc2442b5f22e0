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
 * no script error, no failed request; and the logged-in inbox, socket connected, stays that way.
 */
class PagesLoadIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  private static List<LogEntry> problems(Browser b) {
    return b.readConsole().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .toList();
  }

  private static void load(Browser b, String url) {
    b.readConsole(); // forget what came before
    b.get(url);
    b.until(url + " loaded", d -> "complete".equals(b.js("return document.readyState")));
    assertThat(b.driver().getTitle()).as("title of %s", url).isNotBlank();
  }

  @Test
  void theOperatorPageLoadsWithACleanConsoleBeforeAndAfterLogin() {
    Browser b = browsers.operator();
    load(b, stack.operatorUrl("/"));
    b.js("sessionStorage.clear();");
    load(b, stack.operatorUrl("/"));
    OperatorPage operator = new OperatorPage(b, stack);
    operator.awaitLoginForm();
    assertThat(problems(b)).as("console of the login page").isEmpty();

    operator.logIn(E2eStack.OPERATOR, E2eStack.OPERATOR_PASSWORD);
    operator.awaitConnection("connected");
    b.until(
        "the list loaded", d -> b.find("#conversation-list").getDomAttribute("aria-busy") == null);
    assertThat(problems(b)).as("console of the inbox").isEmpty();
  }

  @Test
  void theChatPageLoadsWithACleanConsole() {
    Browser b = browsers.customer();
    load(b, stack.customerUrl("/chat.html"));
    b.js("localStorage.clear(); sessionStorage.clear();");
    load(b, stack.customerUrl("/chat.html"));
    b.until("the start form", d -> b.find("#start-form").isDisplayed());
    assertThat(problems(b)).as("console of the chat page").isEmpty();
  }
}
