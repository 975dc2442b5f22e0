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
 * Issue 5, scenario 2: the model server fails, the AI panel says "unavailable" with a reason; once
 * the model works again, "Retry AI" brings it through "processing" to "available".
 */
class AiFailureIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  private final CountDownLatch modelMayAnswer = new CountDownLatch(1);

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  @AfterEach
  void healTheModel() {
    modelMayAnswer.countDown();
    stack
        .ollama
        .latency(Duration.ZERO)
        .script(call -> OllamaDouble.text(OllamaDouble.VALID_INSIGHT));
  }

  @Test
  void aFailingModelShowsUnavailableWithAReasonAndRetryAiRecovers() {
    stack
        .ollama
        .latency(Duration.ZERO)
        .script(call -> OllamaDouble.failure(500, "llama runner process has terminated"));
    OperatorPage operator = new OperatorPage(browsers.operator(), stack).openAndLogIn();

    String name = "Frank " + UUID.randomUUID().toString().substring(0, 8);
    String question = "My invoice shows the wrong amount";
    new CustomerPage(browsers.customer(), stack).start(name, "frank@example.com", question);
    String conversation = operator.awaitConversationNamed(name);
    operator.select(conversation);
    String message = operator.awaitMessage("customer", question);

    // Attempt, one retry after 1 s (AI_RETRY_DELAYS), then unavailable.
    operator.awaitAiStatus(message, "unavailable");
    assertThat(operator.ai(message, ".ai-error")).as("the reason shown").isNotBlank();
    assertThat(stack.ollama.calls()).as("the model was asked").isNotEmpty();

    stack.ollama.script(E2eStack.answerWhen(modelMayAnswer, OllamaDouble.VALID_INSIGHT));
    operator.clickInAiPanel(message, ".ai-retry");
    operator.awaitAiStatus(message, "processing");
    modelMayAnswer.countDown();
    operator.awaitAiStatus(message, "available");
    assertThat(operator.ai(message, ".ai-intent")).isEqualTo("billing");
    assertThat(operator.aiPanel(message).findElements(By.cssSelector(".ai-error")))
        .as("no error left on an available insight")
        .allSatisfy(e -> assertThat(e.isDisplayed()).isFalse());
  }
}
