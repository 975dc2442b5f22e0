package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.supportinbox.testing.OllamaDouble;
import org.supportinbox.testing.StackUnderTest;

/**
 * Grounded suggestions on the operator's screen: a knowledge-base article is indexed, a customer
 * asks what it answers, and the AI panel shows "Based on:" with the article's title; following the
 * link (keyboard only) opens the article in the knowledge base. A question no article covers says
 * so instead.
 */
class GroundedReplyIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static final Pattern REVISION = Pattern.compile("revision (\\d+)");
  private static final String TITLE =
      "Correcting a wrong invoice: what to send us and how long the corrected invoice takes to"
          + " arrive in your account";

  private static final String SUMMARY =
      "The customer's invoice shows the wrong address; they asked how to get a corrected one."
          + " Nothing done yet; the corrected invoice is open.";

  private static E2eStack stack;
  private static String article;

  @BeforeAll
  static void anIndexedArticle() {
    stack = E2eStack.get();
    article =
        stack
            .api(stack.operatorToken())
            .contentType(ContentType.JSON)
            .body(
                StackUnderTest.json(
                    Map.of(
                        "title",
                        TITLE,
                        "body",
                        "If your invoice shows a wrong amount or a wrong address, reply with the"
                            + " invoice number and what is wrong. We send a corrected invoice by"
                            + " email within two working days; the wrong one is cancelled.",
                        "language",
                        "en")))
            .post("/kb/articles")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    long[] revision = new long[1];
    await("indexed")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              String r = revisionOf(article);
              if (r != null) {
                revision[0] = Long.parseLong(r);
              }
              return r != null;
            });
    await("held by the replica")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              Matcher m = REVISION.matcher(stack.functionLog());
              long held = 0;
              while (m.find()) {
                held = Math.max(held, Long.parseLong(m.group(1)));
              }
              return held >= revision[0];
            });
  }

  @AfterAll
  static void deleteArticle() {
    stack.ollama.script(call -> OllamaDouble.text(OllamaDouble.VALID_INSIGHT));
    if (article != null) {
      stack.api(stack.adminToken()).delete("/kb/articles/" + article).then().statusCode(204);
    }
  }

  private static String revisionOf(String articleId) throws SQLException {
    try (Connection c = stack.system.messaging.database.connect();
        PreparedStatement s =
            c.prepareStatement(
                "select revision from kb_passage_sets where source_id = ?::uuid and not deleted")) {
      s.setObject(1, articleId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  @Test
  void theSuggestionNamesItsArticleAndTheLinkOpensIt() {
    OperatorPage operator = operator();
    Browser b = operator.browser();
    String name = "Ivo " + UUID.randomUUID().toString().substring(0, 8);
    String question =
        "Hello, my invoice has the wrong address on it. How do I get a corrected invoice?";
    stack.ollama.script(
        call ->
            OllamaDouble.text(
                call.prompt() != null && call.prompt().contains("wrong address on it")
                    ? "{\"intent\":\"billing\",\"summary\":\"Wrong address on the invoice.\","
                        + "\"suggested_reply\":\"Sorry about that, please send us the invoice"
                        + " number and we correct it.\",\"sentiment\":\"neutral\","
                        + "\"urgency\":\"normal\",\"conversation_summary\":\""
                        + SUMMARY
                        + "\"}"
                    : OllamaDouble.VALID_INSIGHT));
    new CustomerPage(browsers.customer(), stack).start(name, "ivo@example.com", question);
    String conversation = operator.awaitConversationNamed(name);
    operator.select(conversation);
    String message = operator.awaitMessage("customer", question);
    operator.awaitAiStatus(message, "available");

    WebElement basis = operator.aiPanel(message).findElement(By.cssSelector(".ai-basis"));
    assertThat(basis.getAttribute("data-basis")).isEqualTo("knowledge");
    // The conversation's summary above the messages.
    b.until("the summary shown", d -> b.find("#conversation-summary").isDisplayed());
    assertThat(b.find("#conversation-summary-text").getText()).isEqualTo(SUMMARY);
    assertThat(b.find("#conversation-summary-meta").getText()).contains("phi3:mini");
    assertThat(basis.getText()).startsWith("Based on: ");
    List<WebElement> links = basis.findElements(By.cssSelector(".ai-source"));
    assertThat(links).extracting(WebElement::getText).containsExactly(TITLE);
    assertThat(links.get(0).getAttribute("data-article-id")).isEqualTo(article);
    b.screenshot("grounded-reply-wide.png");
    Dimension before = b.driver().manage().window().getSize();
    b.driver().manage().window().setSize(new Dimension(420, 860));
    try {
      b.js("arguments[0].scrollIntoView({block: 'center'})", basis);
      b.screenshot("grounded-reply-narrow.png");
    } finally {
      b.driver().manage().window().setSize(before);
    }

    // Keyboard only: focus the link, Enter opens the article in the knowledge base's form.
    b.js("arguments[0].focus()", links.get(0));
    links.get(0).sendKeys(Keys.ENTER);
    b.until("the knowledge base open", d -> b.find("#kb-view").isDisplayed());
    b.until(
        "the article in the form", d -> TITLE.equals(b.find("#kb-title").getAttribute("value")));
    b.screenshot("grounded-reply-article-opened.png");
  }

  @Test
  void aQuestionNoArticleCoversSaysSo() {
    OperatorPage operator = operator();
    String name = "Una " + UUID.randomUUID().toString().substring(0, 8);
    String question = "Do you have the green garden chairs in stock again, the ones with arms?";
    new CustomerPage(browsers.customer(), stack).start(name, "una@example.com", question);
    String conversation = operator.awaitConversationNamed(name);
    operator.select(conversation);
    String message = operator.awaitMessage("customer", question);
    operator.awaitAiStatus(message, "available");
    WebElement basis = operator.aiPanel(message).findElement(By.cssSelector(".ai-basis"));
    assertThat(basis.getAttribute("data-basis")).isEqualTo("model");
    assertThat(basis.getText()).startsWith("No knowledge-base article matched");
    assertThat(basis.findElements(By.cssSelector(".ai-source"))).isEmpty();
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
