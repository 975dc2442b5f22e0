package org.supportinbox.messaging.api.rest;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.supportinbox.testing.MessagingUnderTest;

/** Small helpers shared by the REST ITs: requests with a token, row counts in the service's DB. */
final class Api {

  static final MessagingUnderTest MESSAGING = MessagingUnderTest.get();

  private Api() {}

  static RequestSpecification as(String token) {
    return given()
        .baseUri(MESSAGING.server().baseUrl())
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON);
  }

  static RequestSpecification asService() {
    return as(MESSAGING.serviceToken());
  }

  /** As an AI function replica: its own key, the role {@code ai_function}. */
  static RequestSpecification asAiFunction() {
    return as(MESSAGING.aiFunctionToken("ai-function-it"));
  }

  /** As a mail function replica: its own key, the role {@code mail_function}. */
  static RequestSpecification asMailFunction(String replica) {
    return as(MESSAGING.mailFunctionToken(replica));
  }

  static RequestSpecification asOperator(String username) {
    return as(MESSAGING.operatorToken(username));
  }

  /** Posts a customer message as the gateway would; returns its conversation id. */
  static UUID customerSays(UUID conversationId, String content) {
    String body =
        conversationId == null
            ? "{\"sender\":\"customer\",\"sender_name\":\"Ann\",\"content\":\"" + content + "\"}"
            : "{\"sender\":\"customer\",\"conversation_id\":\""
                + conversationId
                + "\",\"content\":\""
                + content
                + "\"}";
    String id =
        asService()
            .body(body)
            .post("/messages")
            .then()
            .statusCode(201)
            .extract()
            .path("conversation_id");
    return UUID.fromString(id);
  }

  /** Rows in messages, conversations, ai_insights and outbox, as one comparable string. */
  static String rowCounts() {
    return query(
        "select (select count(*) from messages) || '/' || (select count(*) from conversations)"
            + " || '/' || (select count(*) from ai_insights) || '/' || (select count(*) from outbox)");
  }

  static void execute(String sql) {
    try (Connection c = MESSAGING.database.connect();
        Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static String query(String sql) {
    try (Connection c = MESSAGING.database.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
