package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.supportinbox.testing.JsonWire;

/**
 * Unread counts in the real UI, one operator signed in twice (two windows, as two tabs or devices):
 * a customer's messages make the conversation bold with a count in both, and the total in both
 * tabs' titles; opening it in one clears it in the other, live; a message that arrives while it is
 * open in a visible page is read at once.
 */
class UnreadIT {

  private static final String PASSWORD = "unread-operator-password-0123";
  private static final Pattern TITLE_COUNT = Pattern.compile("^\\((\\d+)\\) Support Inbox$");

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  /** The unread total in the page's title ("(3) Support Inbox"), 0 when it has none. */
  private static int titleCount(OperatorPage page) {
    String title = page.browser().driver().getTitle();
    Matcher m = TITLE_COUNT.matcher(title);
    if (m.matches()) {
      return Integer.parseInt(m.group(1));
    }
    assertThat(title).isEqualTo("Support Inbox");
    return 0;
  }

  /**
   * The item's unread badge text, "" when it shows none. Its class and its badge are read in one
   * script, at one moment: read one by one, a list update between the reads would pair the class of
   * one state with the badge of the next.
   */
  private static String badge(OperatorPage page, String conversation) {
    WebElement item = page.conversationItem(conversation);
    @SuppressWarnings("unchecked")
    List<Object> state =
        (List<Object>)
            page.browser()
                .js(
                    "const b = arguments[0].querySelector('.unread-count');"
                        + " return [arguments[0].classList.contains('unread'),"
                        + " b.hidden ? '' : b.textContent.trim()];",
                    item);
    boolean bold = (Boolean) state.get(0);
    String text = (String) state.get(1);
    assertThat(bold).as("bold exactly when it has a count").isEqualTo(!text.isEmpty());
    return text;
  }

  private static void awaitBadge(OperatorPage page, String conversation, String expected) {
    page.browser()
        .until(
            "unread '" + expected + "' on " + conversation + " in " + page.browser().name(),
            d -> expected.equals(badge(page, conversation)));
  }

  private static void customerWrites(String customerToken, String content) {
    stack
        .api(customerToken)
        .body(JsonWire.write(Map.of("content", content)))
        .post("/customer/messages")
        .then()
        .statusCode(201);
  }

  @Test
  void unreadCountsGoUpAndDownAcrossTwoTabsOfOneOperator() {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    String username = "una" + suffix;
    stack
        .api(stack.adminToken())
        .body(
            JsonWire.write(
                Map.of(
                    "username",
                    username,
                    "display_name",
                    "Una " + suffix,
                    "role",
                    "operator",
                    "password",
                    PASSWORD)))
        .post("/operators")
        .then()
        .statusCode(201);
    OperatorPage tab = new OperatorPage(browsers.operator(), stack).open();
    tab.logIn(username, PASSWORD);
    tab.awaitConnection("connected");
    OperatorPage other = new OperatorPage(browsers.customer(), stack).open();
    other.logIn(username, PASSWORD);
    other.awaitConnection("connected");
    // The counts have loaded once both lists show (the title follows them).
    tab.browser()
        .until(
            "the list loaded",
            d -> tab.browser().find("#views .view-count").getText().length() > 0);
    other
        .browser()
        .until(
            "the list loaded",
            d -> other.browser().find("#views .view-count").getText().length() > 0);
    int before = titleCount(tab);
    assertThat(titleCount(other)).isEqualTo(before);

    String name = "Ulla " + suffix;
    JsonPath started =
        stack
            .api()
            .body(JsonWire.write(Map.of("name", name, "content", "Where is my parcel?")))
            .post("/customer/conversations")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String conversation = started.getString("conversation_id");
    String customerToken = started.getString("customer_token");

    for (OperatorPage page : new OperatorPage[] {tab, other}) {
      page.awaitConversationNamed(name);
      awaitBadge(page, conversation, "1");
      page.browser().until("the title counts it", d -> titleCount(page) == before + 1);
    }
    customerWrites(customerToken, "It was due yesterday.");
    awaitBadge(tab, conversation, "2");
    awaitBadge(other, conversation, "2");
    other.browser().screenshot("unread-list.png");
    // On a phone-wide window the count stays beside the name, and nothing is wider than the page.
    other.browser().driver().manage().window().setSize(new Dimension(420, 860));
    assertThat(
            (Boolean)
                other
                    .browser()
                    .js("return document.documentElement.scrollWidth > window.innerWidth;"))
        .as("horizontal overflow at 420 px")
        .isFalse();
    assertThat(badge(other, conversation)).isEqualTo("2");
    other.browser().screenshot("unread-narrow.png");
    other.browser().driver().manage().window().setSize(new Dimension(1366, 900));

    // Opening it in one tab reads it in both, live.
    tab.select(conversation);
    tab.awaitMessage("customer", "It was due yesterday.");
    awaitBadge(tab, conversation, "");
    awaitBadge(other, conversation, "");
    for (OperatorPage page : new OperatorPage[] {tab, other}) {
      page.browser().until("the title back", d -> titleCount(page) == before);
    }

    // While it is open in a visible page, a new message is read at once, in both.
    customerWrites(customerToken, "Any news?");
    tab.awaitMessage("customer", "Any news?");
    awaitBadge(other, conversation, "");
    tab.browser().until("still read here", d -> badge(tab, conversation).isEmpty());
    other.browser().until("the title stays", d -> titleCount(other) == before);
  }
}
