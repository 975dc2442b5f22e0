package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.supportinbox.testing.OllamaDouble;

/**
 * Issue 5, scenario 1: a customer starts a chat in one window; the operator's window, already open,
 * shows it without a reload, with the AI panel "processing", then "available" with the model's
 * analysis; "Use reply" puts the suggestion into the composer, the operator edits and sends it, and
 * the customer's window shows the reply.
 */
class ConversationFlowIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  /**
   * The model's answer waits for this, so that "processing" is seen whatever the machine's pace.
   */
  private final CountDownLatch modelMayAnswer = new CountDownLatch(1);

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  @AfterEach
  void releaseTheModel() {
    modelMayAnswer.countDown();
    stack
        .ollama
        .latency(Duration.ZERO)
        .script(call -> OllamaDouble.text(OllamaDouble.VALID_INSIGHT));
  }

  @Test
  void aCustomerChatReachesTheOperatorLiveWithAnAiSuggestionThatBecomesTheReply() {
    stack
        .ollama
        .latency(Duration.ofSeconds(2))
        .script(E2eStack.answerWhen(modelMayAnswer, OllamaDouble.VALID_INSIGHT));
    OperatorPage operator = new OperatorPage(browsers.operator(), stack).openAndLogIn();
    // Set on the page now, still there at the end: the page was never reloaded.
    operator.browser().js("window.e2eNoReload = 'still the same page';");

    String name = "Dana " + UUID.randomUUID().toString().substring(0, 8);
    String question = "I was charged twice for my invoice this month";
    CustomerPage customer =
        new CustomerPage(browsers.customer(), stack).start(name, "dana@example.com", question);

    String conversation = operator.awaitConversationNamed(name);
    operator.select(conversation);
    String message = operator.awaitMessage("customer", question);
    operator.awaitAiStatus(message, "processing");
    assertThat(operator.aiPanel(message).findElements(By.cssSelector(".ai-elapsed")))
        .as("the elapsed time while processing")
        .isNotEmpty();

    modelMayAnswer.countDown();
    operator.awaitAiStatus(message, "available");
    assertThat(operator.ai(message, ".ai-intent")).isEqualTo("billing");
    assertThat(operator.ai(message, ".ai-sentiment")).isEqualTo("negative");
    assertThat(operator.ai(message, ".ai-urgency")).isEqualTo("high");
    assertThat(operator.ai(message, ".ai-summary"))
        .isEqualTo("The customer reports a wrong invoice.");
    String suggestion = "Sorry about that, I am checking your invoice now.";
    assertThat(operator.ai(message, ".ai-reply")).isEqualTo(suggestion);
    assertThat(operator.ai(message, ".ai-model")).contains("phi3:mini");
    operator
        .browser()
        .until(
            "the list item showing intent billing and urgency high",
            d ->
                OperatorPage.text(operator.conversationItem(conversation), ".intent-chip")
                        .equals("billing")
                    && !operator
                        .conversationItem(conversation)
                        .findElements(By.cssSelector(".urgency-marker[data-urgency=high]"))
                        .isEmpty());
    operator.browser().screenshot("operator-inbox.png");

    operator.clickInAiPanel(message, ".ai-use-reply");
    operator
        .browser()
        .until("the suggestion in the composer", d -> suggestion.equals(operator.composerValue()));
    operator.appendToComposer(" It will be refunded today.");
    String reply = suggestion + " It will be refunded today.";
    assertThat(operator.composerValue()).isEqualTo(reply);
    operator.send();
    String replyId = operator.awaitSent(reply);

    customer.awaitMessage("operator", reply);
    assertThat(stack.messageIds(conversation)).containsExactly(message, replyId);
    assertThat(operator.browser().js("return window.e2eNoReload")).isEqualTo("still the same page");
  }
}
