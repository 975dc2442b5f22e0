package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 18, the email channel in the operator's UI: a conversation that came in by mail (stored
 * through messaging's {@code /email/inbound} as the mail function does) shows the "Email" badge;
 * the operator's reply shows its mail queued, then, as the mail function (played here through its
 * routes) fails a try and then sends it, the reason and the retry, then "Email sent", live. A chat
 * conversation has no badge.
 */
class EmailChannelIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  private static RequestSpecification mailFunction() {
    return RestAssured.given()
        .baseUri(stack.system.messaging.server().baseUrl())
        .contentType(ContentType.JSON)
        .header("Authorization", "Bearer " + stack.system.messaging.mailFunctionToken("mail-e2e"));
  }

  /** The operator's page, logged in once for the class (the browser keeps its session). */
  private static OperatorPage operatorPage() {
    OperatorPage page = new OperatorPage(browsers.operator(), stack).open();
    page.browser()
        .until("the login form or the inbox", d -> page.loginFormVisible() || page.appVisible());
    if (page.loginFormVisible()) {
      page.logIn(E2eStack.OPERATOR, E2eStack.OPERATOR_PASSWORD);
    }
    page.awaitConnection("connected");
    return page;
  }

  private static String delivery(OperatorPage operator, String messageId) {
    List<WebElement> badge =
        operator.message(messageId).findElements(By.cssSelector(".message-delivery"));
    return badge.isEmpty() || !badge.get(0).isDisplayed()
        ? ""
        : badge.get(0).getDomProperty("textContent").strip();
  }

  @Test
  void anEmailConversationShowsItsChannelAndEachReplysMailState() {
    OperatorPage operator = operatorPage();
    String unique = UUID.randomUUID().toString().substring(0, 8);
    String name = "Mia Mail " + unique;
    mailFunction()
        .body(
            "{\"message_id\":\"e2e-"
                + unique
                + "@customer.example\",\"from_address\":\"mia-"
                + unique
                + "@customer.example\",\"from_name\":\""
                + name
                + "\",\"subject\":\"Kettle\",\"content\":\"My kettle leaks since Monday.\"}")
        .post("/email/inbound")
        .then()
        .statusCode(201);
    String conversation = operator.awaitConversationNamed(name);
    operator.select(conversation);
    Browser b = operator.browser();
    b.until(
        "the Email badge",
        d ->
            b.find("#thread-channel").isDisplayed()
                && "Email".equals(b.find("#thread-channel").getDomProperty("textContent")));
    assertThat(b.find("#thread-channel").getDomAttribute("title"))
        .contains("mia-" + unique + "@customer.example");

    operator.reply("We will send you a new kettle today.");
    String reply = operator.awaitSent("We will send you a new kettle today.");
    b.until("the reply's mail queued", d -> "Email queued".equals(delivery(operator, reply)));

    // The mail function's first try fails, its second succeeds: the page follows both, live.
    mailFunction().post("/email/deliveries/" + reply + "/claim").then().statusCode(200);
    mailFunction()
        .body("{\"outcome\":\"retry\",\"error\":\"421 mail.example.com busy, try later\"}")
        .post("/email/deliveries/" + reply + "/report")
        .then()
        .statusCode(200);
    b.until(
        "the failed try and its reason",
        d ->
            delivery(operator, reply)
                .equals("Email queued, retrying (1 try): 421 mail.example.com busy, try later"));
    mailFunction().post("/email/deliveries/" + reply + "/claim").then().statusCode(200);
    mailFunction()
        .body("{\"outcome\":\"sent\",\"email_message_id\":\"" + reply + "@support.example\"}")
        .post("/email/deliveries/" + reply + "/report")
        .then()
        .statusCode(200);
    b.until("the reply's mail sent", d -> "Email sent".equals(delivery(operator, reply)));
    b.screenshot("operator-email.png");

    // After a reload the stored state is shown.
    b.driver().navigate().refresh();
    b.until(
        "the stored state after a reload",
        d -> {
          try {
            return "Email sent".equals(delivery(operator, reply));
          } catch (RuntimeException notYet) {
            return false;
          }
        });
  }

  @Test
  void aChatConversationHasNoEmailBadge() {
    OperatorPage operator = operatorPage();
    String name = "Chad Chat " + UUID.randomUUID().toString().substring(0, 8);
    new CustomerPage(browsers.customer(), stack).start(name, "chad@example.com", "Hello there");
    String conversation = operator.awaitConversationNamed(name);
    operator.select(conversation);
    operator.awaitMessage("customer", "Hello there");
    assertThat(operator.browser().find("#thread-channel").isDisplayed()).isFalse();
    operator.reply("Hi Chad");
    String reply = operator.awaitSent("Hi Chad");
    assertThat(delivery(operator, reply)).isEmpty();
  }
}
