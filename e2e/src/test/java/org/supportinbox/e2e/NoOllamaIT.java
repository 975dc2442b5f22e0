package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 8: an install without Ollama. The analyze replica runs with {@code AI_PROVIDER=auto} and
 * {@code OLLAMA_URL} on a port nothing listens on; a customer's message still ends {@code
 * available} on the operator's screen, with the embedded model named and a reply that uses the
 * customer's name and order number.
 */
class NoOllamaIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stackWithoutOllama() throws IOException {
    stack = E2eStack.get();
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    stack.restartFunction(
        Map.of("AI_PROVIDER", "auto", "OLLAMA_URL", "http://127.0.0.1:" + closed),
        "ai-function-e2e-no-ollama");
  }

  @AfterAll
  static void stackAsBefore() {
    stack.restartFunction(Map.of(), "ai-function-e2e");
  }

  @Test
  void aCustomerMessageEndsAvailableFromTheEmbeddedModel() {
    int ollamaCallsBefore = stack.ollama.calls().size();
    OperatorPage operator = operator();

    String name = "Nora " + UUID.randomUUID().toString().substring(0, 8);
    String question = "Hello, my order #58213 has not arrived yet. Where is my parcel?";
    new CustomerPage(browsers.customer(), stack).start(name, "nora@example.com", question);
    String conversation = operator.awaitConversationNamed(name);
    operator.select(conversation);
    String message = operator.awaitMessage("customer", question);

    operator.awaitAiStatus(message, "available");
    assertThat(operator.ai(message, ".ai-model")).isEqualTo("embedded:all-minilm-l6-v2-q");
    assertThat(operator.ai(message, ".ai-intent")).isEqualTo("order_status");
    assertThat(operator.ai(message, ".ai-reply")).startsWith("Hi Nora,").contains("order 58213");
    assertThat(stack.ollama.calls())
        .as("the stack's Ollama double was not asked")
        .hasSize(ollamaCallsBefore);
  }

  /**
   * A German message: its language shown as a chip next to the intent, and the German examples and
   * macros of the embedded provider.
   */
  @Test
  void aGermanMessageShowsItsLanguageAndGetsAGermanReply() {
    OperatorPage operator = operator();
    String name = "Jonas " + UUID.randomUUID().toString().substring(0, 8);
    String question =
        "Guten Tag, meine Bestellung ist seit zehn Tagen nicht angekommen. Wo ist mein Paket?";
    new CustomerPage(browsers.customer(), stack).start(name, "jonas@example.com", question);
    String conversation = operator.awaitConversationNamed(name);
    operator.select(conversation);
    String message = operator.awaitMessage("customer", question);

    operator.awaitAiStatus(message, "available");
    assertThat(operator.ai(message, ".ai-language")).isEqualTo("DE");
    assertThat(operator.ai(message, ".ai-intent")).isEqualTo("order_status");
    assertThat(operator.ai(message, ".ai-reply")).startsWith("Hallo Jonas,");
  }

  /** The operator's page, logged in: by this test, or still from the other test of the class. */
  private static OperatorPage operator() {
    OperatorPage page = new OperatorPage(browsers.operator(), stack).open();
    Browser b = page.browser();
    b.until(
        "the login form or the inbox",
        d -> b.find("#login-form").isDisplayed() || b.find("#app").isDisplayed());
    if (b.find("#login-form").isDisplayed()) {
      page.logIn(E2eStack.OPERATOR, E2eStack.OPERATOR_PASSWORD);
    }
    page.awaitConnection("connected");
    return page;
  }
}
