package org.supportinbox.functions.analyze.feedback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.supportinbox.auth.AiFunctionTokens;
import org.supportinbox.contracts.Intent;
import org.supportinbox.functions.analyze.Analyzer;
import org.supportinbox.functions.analyze.embedded.EmbeddedAnalyzer;
import org.supportinbox.functions.analyze.embedded.LearnedExamplesAccess;
import org.supportinbox.testing.MessagingUnderTest;

/**
 * The loop against the real messaging WAR (Payara Micro, PostgreSQL): operators correct the intent
 * of three French messages, an admin approves the corrections, and a replica's {@link
 * ApprovedExamples}, reading {@code GET /ai/examples} with a token signed with {@code
 * AI_FUNCTION_SECRET}, puts them into a running embedded analyzer, whose next analysis follows
 * them; the admin rejects one and approves it again, and the feed carries each decision.
 */
class ApprovedExamplesIT {

  private static final MessagingUnderTest MESSAGING = MessagingUnderTest.get();

  /** Invented words: only the learned examples share anything with them. */
  private static final String MESSAGE = "Le zorbluxe quintaphone clignote toujours en vert fluo.";

  private static final List<String> TAUGHT =
      List.of(
          "Mon zorbluxe quintaphone clignote en vert.",
          "Le quintaphone zorbluxe clignote vert fluo depuis hier.",
          "Zorbluxe et quintaphone : ça clignote encore en vert fluo.");

  private static io.restassured.specification.RequestSpecification as(String token) {
    return given()
        .baseUri(MESSAGING.url(""))
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON);
  }

  /** A customer message with an available French insight of intent other; its id. */
  private static String analysed(String content) {
    Map<String, Object> body = new HashMap<>();
    body.put("sender", "customer");
    body.put("content", content);
    JsonPath message =
        as(MESSAGING.serviceToken())
            .body(body)
            .post("/messages")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    Map<String, Object> report = new HashMap<>();
    report.put("message_id", message.getString("id"));
    report.put("conversation_id", message.getString("conversation_id"));
    report.put("status", "available");
    report.put("model", EmbeddedAnalyzer.MODEL);
    report.put("attempts", 1);
    report.put("intent", "other");
    report.put("summary", content);
    report.put("suggested_reply", "Bonjour");
    report.put("sentiment", "neutral");
    report.put("urgency", "normal");
    report.put("language", "fr");
    as(MESSAGING.aiFunctionToken("examples-it"))
        .body(report)
        .post("/ai-insights")
        .then()
        .statusCode(200);
    return message.getString("id");
  }

  private static void review(String message, String status) {
    as(MESSAGING.token("root", "admin"))
        .body(Map.of("intent", "cancellation", "status", status))
        .put("/ai-quality/corrections/" + message)
        .then()
        .statusCode(200);
  }

  private static Intent intent(EmbeddedAnalyzer analyzer) {
    return analyzer
        .analyse(Analyzer.Message.of("Ana", MESSAGE).withLanguage("fr"))
        .insight()
        .intent();
  }

  @Test
  void approvedCorrectionsReachARunningAnalyzerThroughTheFeed() {
    EmbeddedAnalyzer analyzer = LearnedExamplesAccess.freshAnalyzer();
    Intent first = intent(analyzer);
    assertThat(first).isNotEqualTo(Intent.CANCELLATION);
    ApprovedExamples examples =
        new ApprovedExamples(
            ExampleFeed.messaging(
                MESSAGING.url("").replaceAll("/$", ""),
                AiFunctionTokens.issuer(MESSAGING.aiFunctionSecret),
                "examples-it"),
            analyzer::learn);
    examples.poll();
    long start = examples.cursor();
    int before = analyzer.learnedCounts().getOrDefault("fr", 0);

    List<String> messages = new ArrayList<>();
    for (String text : TAUGHT) {
      String message = analysed(text);
      messages.add(message);
      as(MESSAGING.operatorToken("bob"))
          .body(Map.of("action", "correct_intent", "value", "cancellation"))
          .post("/messages/" + message + "/feedback")
          .then()
          .statusCode(200);
      review(message, "approved");
    }
    assertThat(examples.poll()).isPresent();
    assertThat(examples.cursor()).isGreaterThanOrEqualTo(start + 3);
    assertThat(analyzer.learnedCounts()).containsEntry("fr", before + 3);
    assertThat(intent(analyzer)).isEqualTo(Intent.CANCELLATION);

    // Rejected, then approved again: each decision comes through the feed.
    review(messages.get(0), "rejected");
    examples.poll();
    assertThat(analyzer.learnedCounts()).containsEntry("fr", before + 2);
    review(messages.get(0), "approved");
    examples.poll();
    assertThat(analyzer.learnedCounts()).containsEntry("fr", before + 3);
    assertThat(examples.poll()).as("nothing new").isEmpty();
  }
}
