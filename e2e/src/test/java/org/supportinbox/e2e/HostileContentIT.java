package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.supportinbox.testing.OllamaDouble;

/**
 * Issue 5, scenario 4: markup in a customer's name and message, in an operator's reply and in the
 * model's output is shown as the literal text it is, in both windows: no element is made of it,
 * nothing runs (no alert). The model's markup is removed before it is stored (issue 7); what is
 * left of its texts is shown as text too.
 */
class HostileContentIT {

  static final String PAYLOAD = "<img src=x onerror=alert(1)> and <script>alert(2)</script>";
  static final String NAME = "<b>Mallory</b> <img src=x onerror=alert(5)>";
  static final String MODEL_SUMMARY = "Summary <img src=x onerror=alert(3)>";
  static final String MODEL_REPLY =
      "<script>alert(4)</script>Reply <a href=javascript:alert(6)>x</a>";

  /**
   * What the analyze function stores of the model's texts: their plain text (functions' PlainText
   * removes tags before storing), which the UI then shows as text like everything else.
   */
  static final String STORED_SUMMARY = "Summary";

  static final String STORED_REPLY = "Reply x";

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  @AfterEach
  void modelAsUsual() {
    stack
        .ollama
        .latency(Duration.ZERO)
        .script(call -> OllamaDouble.text(OllamaDouble.VALID_INSIGHT));
  }

  private static String insight(String summary, String reply) {
    return Json.createObjectBuilder()
        .add("intent", "billing")
        .add("summary", summary)
        .add("suggested_reply", reply)
        .add("sentiment", "negative")
        .add("urgency", "high")
        .build()
        .toString();
  }

  /** Where text from people or the model lands: none of it may hold an element. */
  private static final String TEXT_ELEMENTS =
      ".message-content *, .ai-summary *, .ai-reply *, .ai-intent *, .conversation-name *,"
          + " .conversation-preview *, #thread-title *, #current-user *";

  /** Anything the payloads would make if they were parsed as HTML. */
  private static final String PAYLOAD_ELEMENTS =
      "img[src=\"x\"], a[href^=\"javascript\"], script:not([src]), b";

  private static void assertNoMarkupAndNoAlert(Browser b) {
    assertThat(b.openAlert()).as("an alert in the %s window", b.name()).isNull();
    assertThat(b.findAll(TEXT_ELEMENTS))
        .as("elements inside text in the %s window", b.name())
        .isEmpty();
    assertThat(b.findAll(PAYLOAD_ELEMENTS))
        .as("elements made of the payloads in the %s window", b.name())
        .isEmpty();
  }

  @Test
  void markupFromCustomersOperatorsAndTheModelIsShownAsTextAndNeverRuns() {
    stack.ollama.script(call -> OllamaDouble.text(insight(MODEL_SUMMARY, MODEL_REPLY)));
    OperatorPage operator = new OperatorPage(browsers.operator(), stack).openAndLogIn();
    String name = NAME + " " + UUID.randomUUID().toString().substring(0, 8);
    CustomerPage customer =
        new CustomerPage(browsers.customer(), stack).start(name, "mallory@example.com", PAYLOAD);

    String conversation = operator.awaitConversationNamed(name);
    WebElement item = operator.conversationItem(conversation);
    assertThat(
            item.findElement(By.cssSelector(".conversation-preview")).getDomProperty("textContent"))
        .contains(PAYLOAD);
    assertNoMarkupAndNoAlert(operator.browser());

    operator.select(conversation);
    String message = operator.awaitMessage("customer", PAYLOAD);
    assertThat(operator.browser().find("#thread-title").getDomProperty("textContent"))
        .isEqualTo(name);
    operator.awaitAiStatus(message, "available");
    assertThat(operator.ai(message, ".ai-summary")).isEqualTo(STORED_SUMMARY);
    assertThat(operator.ai(message, ".ai-reply")).isEqualTo(STORED_REPLY);
    assertNoMarkupAndNoAlert(operator.browser());

    // The model's reply, used as is, reaches the customer as text too.
    operator.clickInAiPanel(message, ".ai-use-reply");
    operator
        .browser()
        .until(
            "the suggestion in the composer", d -> STORED_REPLY.equals(operator.composerValue()));
    operator.send();
    operator.awaitSent(STORED_REPLY);
    operator.reply(PAYLOAD);
    operator.awaitSent(PAYLOAD);

    customer.awaitMessage("operator", STORED_REPLY);
    customer.awaitMessage("operator", PAYLOAD);
    assertThat(customer.messages())
        .extracting(OperatorPage::contentOf)
        .containsExactly(PAYLOAD, STORED_REPLY, PAYLOAD);
    assertNoMarkupAndNoAlert(customer.browser());
    assertNoMarkupAndNoAlert(operator.browser());
  }
}
