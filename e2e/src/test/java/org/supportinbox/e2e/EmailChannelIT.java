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
 * conversation has no badge; a reply to a chat customer who left an email and is not on the chat
 * page shows "Email fallback at …", and "Email fallback not needed" once the customer's page shows
 * it (the page reports it seen).
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
  void aChatConversationHasNoEmailBadgeAndItsReplyWaitsAsAnEmailFallbackUntilTheCustomerSeesIt() {
    OperatorPage operator = operatorPage();
    Browser b = operator.browser();
    String name = "Chad Chat " + UUID.randomUUID().toString().substring(0, 8);
    CustomerPage customer =
        new CustomerPage(browsers.customer(), stack).start(name, "chad@example.com", "Hello there");
    String conversation = operator.awaitConversationNamed(name);
    operator.select(conversation);
    operator.awaitMessage("customer", "Hello there");
    assertThat(b.find("#thread-channel").isDisplayed()).isFalse();

    // The customer has left the chat page: the reply waits as an email fallback.
    customer.browser().get("about:blank");
    operator.reply("Hi Chad, we are looking into it.");
    String reply = operator.awaitSent("Hi Chad, we are looking into it.");
    b.until(
        "the reply's email fallback scheduled",
        d -> delivery(operator, reply).startsWith("Email fallback at "));
    assertThat(
            operator
                .message(reply)
                .findElement(By.cssSelector(".message-delivery"))
                .getDomAttribute("title"))
        .startsWith("Mailed to the customer at ")
        .endsWith("unless they read it in the chat first");
    b.screenshot("operator-email-fallback.png");

    // The customer comes back and sees the reply: no mail is needed, the operator sees it live.
    customer.browser().get(stack.customerUrl("/chat.html"));
    customer.awaitMessage("operator", "Hi Chad, we are looking into it.");
    b.until(
        "the fallback not needed",
        d -> "Email fallback not needed".equals(delivery(operator, reply)));

    // A customer who left no email: no fallback, no badge.
    String other = "Nora Noemail " + UUID.randomUUID().toString().substring(0, 8);
    new CustomerPage(browsers.customer(), stack).start(other, "", "No email from me");
    String second = operator.awaitConversationNamed(other);
    operator.select(second);
    operator.awaitMessage("customer", "No email from me");
    operator.reply("Hi Nora");
    String noFallback = operator.awaitSent("Hi Nora");
    assertThat(delivery(operator, noFallback)).isEmpty();
  }
}
