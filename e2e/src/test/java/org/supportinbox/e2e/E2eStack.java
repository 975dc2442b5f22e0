package org.supportinbox.e2e;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.supportinbox.testing.OllamaDouble;
import org.supportinbox.testing.StackUnderTest;
import org.supportinbox.testing.WebSocketCuttingProxy;

/**
 * The whole system as a browser meets it (test-support's {@link StackUnderTest}: messaging, a
 * gateway instance, one analyze replica answering from an {@link OllamaDouble}, an operator),
 * started once per test JVM and stopped at its exit.
 *
 * <p>Browsers never talk to the gateway directly. The operator's window goes through {@link
 * #operatorProxy}, which can take WebSockets away while REST keeps working; the customer's goes
 * through {@link #customerProxy}, which is never cut. Both proxy origins are the gateway's {@code
 * ALLOWED_ORIGINS}, so the gateway sees the same origin the page has.
 */
final class E2eStack extends StackUnderTest {

  static final String OPERATOR = "olivia";
  static final String OPERATOR_NAME = "Olivia Operator";
  static final String OPERATOR_PASSWORD = "e2e-operator-password-0123";

  private static E2eStack instance;

  final WebSocketCuttingProxy operatorProxy;
  final WebSocketCuttingProxy customerProxy;

  /** A company's site that may embed the chat widget (WIDGET_ALLOWED_ORIGINS). */
  final SiteHost site;

  /** A site that may not. */
  final SiteHost strangerSite;

  private E2eStack(
      WebSocketCuttingProxy operatorProxy,
      WebSocketCuttingProxy customerProxy,
      SiteHost site,
      SiteHost strangerSite)
      throws IOException {
    super(
        "e2e",
        Map.of(
            "ALLOWED_ORIGINS",
            operatorProxy.origin() + "," + customerProxy.origin(),
            "WIDGET_ALLOWED_ORIGINS",
            site.origin(),
            // Every window is 127.0.0.1 and a test may write often: limits out of the way.
            "CUSTOMER_MESSAGE_RATE_PER_MINUTE",
            "1000",
            "CUSTOMER_ADDRESS_MESSAGE_RATE_PER_MINUTE",
            "10000",
            "CUSTOMER_START_RATE_PER_MINUTE",
            "1000",
            "LOGIN_RATE_PER_MINUTE",
            "1000",
            // The test gateway's 32 is for slow-socket tests; browsers get the default.
            "WS_SEND_QUEUE",
            "256"),
        // One quick retry: a failing model turns a message "unavailable" within seconds. The
        // timeout is long so that a test can hold the model's answer while it looks at
        // "processing".
        Map.of("AI_RETRY_DELAYS", "1s", "OLLAMA_TIMEOUT", "90s"),
        new String[] {OPERATOR, OPERATOR_NAME, OPERATOR_PASSWORD});
    this.operatorProxy = operatorProxy;
    this.customerProxy = customerProxy;
    this.site = site;
    this.strangerSite = strangerSite;
    operatorProxy.forwardTo("127.0.0.1", gateway.port());
    customerProxy.forwardTo("127.0.0.1", gateway.port());
  }

  /** The running stack, started on first use. */
  static synchronized E2eStack get() {
    if (instance == null) {
      instance = once(E2eStack::start);
    }
    return instance;
  }

  private static E2eStack start() throws IOException {
    WebSocketCuttingProxy operatorProxy = new WebSocketCuttingProxy();
    WebSocketCuttingProxy customerProxy = new WebSocketCuttingProxy();
    // Both sites load the widget from the customer's side of the gateway.
    SiteHost site = SiteHost.start("Acme Garden", customerProxy.origin());
    SiteHost strangerSite = SiteHost.start("Copycat Garden", customerProxy.origin());
    try {
      return new E2eStack(operatorProxy, customerProxy, site, strangerSite);
    } catch (IOException | RuntimeException e) {
      operatorProxy.close();
      customerProxy.close();
      site.close();
      strangerSite.close();
      throw e;
    }
  }

  /**
   * A script for the Ollama double that answers {@code text} once {@code gate} opens: an analysis
   * stays "processing" for as long as a test needs to see it, whatever the machine's pace.
   */
  static Function<OllamaDouble.Call, OllamaDouble.Reply> answerWhen(
      CountDownLatch gate, String text) {
    return call -> {
      try {
        if (!gate.await(80, TimeUnit.SECONDS)) {
          return OllamaDouble.failure(500, "the test never let the model answer");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return OllamaDouble.failure(500, "interrupted");
      }
      return OllamaDouble.text(text);
    };
  }

  /** A page of the UI as the operator's window loads it. */
  String operatorUrl(String path) {
    return operatorProxy.origin() + path;
  }

  /** A page of the UI as the customer's window loads it. */
  String customerUrl(String path) {
    return customerProxy.origin() + path;
  }

  String operatorToken() {
    return login(OPERATOR, OPERATOR_PASSWORD);
  }

  /** The ids of a conversation's messages, in order, as the API has them. */
  List<String> messageIds(String conversationId) {
    return conversation(operatorToken(), conversationId).getList("messages.id", String.class);
  }

  @Override
  protected synchronized void stop() {
    try {
      super.stop();
    } finally {
      operatorProxy.close();
      customerProxy.close();
      site.close();
      strangerSite.close();
    }
  }
}
