package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.supportinbox.testing.JsonWire;

/**
 * Browser notifications in the real UI: off until the operator turns them on (the button, never on
 * load); then a note that mentions them and a customer's message in a new, unassigned conversation
 * notify, a note without the mention and a message in a colleague's conversation do not. Headless
 * Chromium has no one to answer the browser's permission prompt, so the page gets a stand-in for
 * the Notification API that grants it and records what would be shown; everything else is the real
 * stack.
 */
class NotificationsIT {

  private static final String PASSWORD = "notified-operator-password-0123";

  /** A Notification that is granted and records each one shown in window.shownNotifications. */
  private static final String NOTIFICATION_STAND_IN =
      "window.shownNotifications = [];"
          + " window.Notification = class {"
          + "  constructor(title, options) {"
          + "   window.shownNotifications.push({title, body: options.body, tag: options.tag}); }"
          + "  close() {}"
          + "  static get permission() { return 'granted'; }"
          + "  static requestPermission() { return Promise.resolve('granted'); } };";

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> shown(OperatorPage page) {
    return (List<Map<String, Object>>) page.browser().js("return window.shownNotifications;");
  }

  /** A new conversation started by a customer: its id and the customer's token. */
  private static String[] conversation(String name, String content) {
    var started =
        stack
            .api()
            .body(JsonWire.write(Map.of("name", name, "content", content)))
            .post("/customer/conversations")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new String[] {started.getString("conversation_id"), started.getString("customer_token")};
  }

  private static void customerWrites(String customerToken, String content) {
    stack
        .api(customerToken)
        .body(JsonWire.write(Map.of("content", content)))
        .post("/customer/messages")
        .then()
        .statusCode(201);
  }

  private static void note(String token, String conversation, String content) {
    stack
        .api(token)
        .body(
            JsonWire.write(
                Map.of("conversation_id", conversation, "content", content, "internal", true)))
        .post("/messages")
        .then()
        .statusCode(201);
  }

  @Test
  void mentionsAndNewCustomerMessagesNotifyOnceTurnedOn() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    String colleague = "col" + suffix;
    stack
        .api(stack.adminToken())
        .body(
            JsonWire.write(
                Map.of(
                    "username",
                    colleague,
                    "display_name",
                    "Colin " + suffix,
                    "role",
                    "operator",
                    "password",
                    PASSWORD)))
        .post("/operators")
        .then()
        .statusCode(201);
    String colleagueToken = stack.login(colleague, PASSWORD);

    OperatorPage me = new OperatorPage(browsers.operator(), stack).openAndLogIn();
    me.browser().js(NOTIFICATION_STAND_IN);
    WebElement toggle = me.browser().find("#notify-toggle");
    assertThat(toggle.getDomAttribute("aria-pressed")).isEqualTo("false");
    assertThat(toggle.getText()).isEqualTo("Notifications off");
    toggle.click();
    me.browser()
        .until("notifications on", d -> "true".equals(toggle.getDomAttribute("aria-pressed")));
    assertThat(toggle.getText()).isEqualTo("Notifications on");

    // A new customer conversation: no one's yet, so it notifies.
    String name = "Nina " + suffix;
    String[] started = conversation(name, "Is anyone there?");
    String first = started[0];
    me.browser()
        .until(
            "a notification for the new conversation",
            d -> shown(me).stream().anyMatch(n -> first.equals(n.get("tag"))));
    assertThat(shown(me).get(0).get("title")).isEqualTo("New message from " + name);
    assertThat(shown(me).get(0).get("body")).isEqualTo("Is anyone there?");

    // A colleague's note that mentions me notifies; one that does not, does not.
    note(colleagueToken, first, "no mention here");
    note(colleagueToken, first, "@" + E2eStack.OPERATOR + " can you take this one?");
    me.browser()
        .until(
            "a notification for the mention",
            d ->
                shown(me).stream()
                    .anyMatch(n -> String.valueOf(n.get("title")).contains("mentioned you")));
    List<Map<String, Object>> seen = shown(me);
    assertThat(seen).hasSize(2);
    assertThat(seen.get(1).get("title")).isEqualTo("Colin " + suffix + " mentioned you in a note");
    assertThat(seen.get(1).get("body"))
        .isEqualTo("@" + E2eStack.OPERATOR + " can you take this one?");

    // A customer message in a conversation assigned to the colleague does not notify me; one in
    // the unassigned conversation, written after it, does.
    String[] other = conversation("Otto " + suffix, "Hello?");
    me.browser()
        .until(
            "Otto's first", d -> shown(me).stream().anyMatch(n -> other[0].equals(n.get("tag"))));
    stack
        .api(colleagueToken)
        .body("{\"assignee\":\"" + colleague + "\"}")
        .patch("/conversations/" + other[0])
        .then()
        .statusCode(200);
    me.awaitConversationNamed("Otto " + suffix);
    me.browser()
        .until(
            "Otto's conversation shown as the colleague's",
            d -> me.conversationItem(other[0]).getText().contains("Colin " + suffix));
    int before = shown(me).size();
    customerWrites(other[1], "Still there?");
    customerWrites(started[1], "Hello again");
    me.browser()
        .until(
            "Nina's second message notified",
            d -> shown(me).stream().anyMatch(n -> "Hello again".equals(n.get("body"))));
    assertThat(shown(me)).hasSize(before + 1);
    me.browser().screenshot("notifications-on.png");
  }
}
