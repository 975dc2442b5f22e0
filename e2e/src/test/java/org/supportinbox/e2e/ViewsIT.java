package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.supportinbox.testing.JsonWire;

/**
 * Views, assignment and snooze in the real UI, with two operators in two browsers: one assigns a
 * conversation to the other with the keyboard (the picker filters by name), the other sees it
 * arrive in "Mine" live, with the count; a snooze takes it out of "All open" into "Snoozed", and it
 * comes back when the customer writes, and, snoozed again for a few seconds, when the time comes.
 */
class ViewsIT {

  private static final String PASSWORD = "second-operator-password-0123";

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  private static String createOperator(String username, String displayName) {
    stack
        .api(stack.adminToken())
        .body(
            JsonWire.write(
                Map.of(
                    "username",
                    username,
                    "display_name",
                    displayName,
                    "role",
                    "operator",
                    "password",
                    PASSWORD)))
        .post("/operators")
        .then()
        .statusCode(201);
    return username;
  }

  private static String viewCount(OperatorPage page, String view) {
    return page.browser()
        .find("#views .view-tab[data-view=\"" + view + "\"] .view-count")
        .getText();
  }

  private static boolean listed(OperatorPage page, String conversation) {
    return !page.browser()
        .findAll(
            "#conversation-list .conversation-item[data-conversation-id=\"" + conversation + "\"]")
        .isEmpty();
  }

  @Test
  void assignToAnotherOperatorSnoozeAndWakeUp() {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    String victor = createOperator("vic" + suffix, "Victor Vale " + suffix);
    OperatorPage ann = new OperatorPage(browsers.operator(), stack).openAndLogIn();
    OperatorPage vic = new OperatorPage(browsers.customer(), stack).open();
    vic.logIn(victor, PASSWORD);
    vic.awaitConnection("connected");
    vic.browser().find("#views .view-tab[data-view=\"mine\"]").click();
    vic.browser().until("an empty Mine", d -> vic.browser().find("#list-empty").isDisplayed());
    assertThat(viewCount(vic, "mine")).isEqualTo("0");

    String name = "Wanda " + suffix;
    JsonPath started =
        stack
            .api()
            .body(JsonWire.write(Map.of("name", name, "content", "My order never came")))
            .post("/customer/conversations")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String conversation = started.getString("conversation_id");
    String customerToken = started.getString("customer_token");

    // Ann assigns it to Victor: keyboard only, the picker filtered by part of his name.
    ann.awaitConversationNamed(name);
    ann.select(conversation);
    WebElement assign = ann.browser().find("#assign-other");
    assign.sendKeys(Keys.ENTER);
    WebElement search = ann.browser().find("#assign-search");
    ann.browser().until("the picker focused", d -> search.equals(d.switchTo().activeElement()));
    search.sendKeys("vale " + suffix);
    ann.browser()
        .until(
            "Victor as the only option",
            d -> ann.browser().findAll("#assign-options [role=option]").size() == 1);
    ann.browser().screenshot("assign-picker.png");
    search.sendKeys(Keys.ENTER);
    ann.browser()
        .until(
            "assigned in the header",
            d -> ann.browser().find("#thread-assignee").getText().contains("Victor Vale"));

    // Victor sees it arrive in Mine, live, with the count.
    vic.browser().until("the conversation in Mine", d -> listed(vic, conversation));
    vic.browser().until("Mine counts 1", d -> "1".equals(viewCount(vic, "mine")));
    vic.browser().screenshot("views-mine.png");

    // Ann snoozes it for an hour: it leaves All open and is counted in Snoozed.
    String snoozedBefore = viewCount(ann, "snoozed");
    ann.browser().find("#snooze").click();
    ann.browser().screenshot("snooze-menu.png");
    ann.browser().find(".snooze-preset[data-preset=\"hour\"]").click();
    ann.browser()
        .until(
            "snoozed in the header",
            d ->
                ann.browser()
                    .find("#thread-status")
                    .getDomProperty("textContent")
                    .startsWith("snoozed until"));
    ann.browser()
        .until("the Snoozed count up", d -> !viewCount(ann, "snoozed").equals(snoozedBefore));
    vic.browser().until("gone from Victor's Mine", d -> !listed(vic, conversation));
    ann.browser().find("#views .view-tab[data-view=\"snoozed\"]").click();
    ann.browser().until("listed in Snoozed", d -> listed(ann, conversation));
    ann.browser().screenshot("views-snoozed.png");

    // The customer writes: open again, back in Victor's Mine.
    stack
        .api(customerToken)
        .body(JsonWire.write(Map.of("content", "Any news?")))
        .post("/customer/messages")
        .then()
        .statusCode(201);
    ann.browser()
        .until(
            "open again",
            d -> "open".equals(ann.browser().find("#thread-status").getDomProperty("textContent")));
    vic.browser().until("back in Victor's Mine", d -> listed(vic, conversation));

    // Snoozed until a few seconds from now: it opens again by itself.
    stack
        .api(stack.operatorToken())
        .body(
            JsonWire.write(
                Map.of(
                    "status", "snoozed", "snoozed_until", Instant.now().plusSeconds(3).toString())))
        .patch("/conversations/" + conversation)
        .then()
        .statusCode(200);
    ann.browser()
        .until(
            "snoozed",
            d ->
                ann.browser()
                    .find("#thread-status")
                    .getDomProperty("textContent")
                    .startsWith("snoozed until"));
    ann.browser()
        .until(
            "woken by the alarm",
            d -> "open".equals(ann.browser().find("#thread-status").getDomProperty("textContent")));
    vic.browser().until("in Victor's Mine once more", d -> listed(vic, conversation));

    vic.browser().driver().manage().window().setSize(new Dimension(420, 860));
    vic.browser().screenshot("views-narrow.png");
  }
}
