package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.supportinbox.testing.MessagingUnderTest;
import org.supportinbox.testing.Tokens;

/**
 * The email channel's routes (messaging's {@code /email/*}, for the mail function only) under
 * attack: not reachable through the gateway at all; on messaging's own port refused to every token
 * but the mail function's (no token, forged, expired, wrong issuer, customer, operator, admin,
 * service, AI function), and to the mail function itself for hostile bodies (huge, NUL, unknown
 * fields, endless references, bracketed or spaced ids, a guessed token or a chat message's id as a
 * way into another conversation). Each refusal is a JSON error and stores nothing (the row counts
 * of both databases); a well-formed mail is stored right after.
 */
class MailRoutesIT {

  private static HostileStack stack;
  private static MessagingUnderTest messaging;
  private static String chatConversation;
  private static String chatMessage;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
    messaging = stack.system.messaging;
    JsonPath started = stack.startConversation("Chat Chen", "a chat message");
    chatConversation = started.getString("conversation_id");
    chatMessage = started.getString("message.id");
  }

  private static RequestSpecification direct(String token) {
    RequestSpecification r =
        RestAssured.given().baseUri(messaging.server().baseUrl()).contentType(ContentType.JSON);
    return token == null ? r : r.header("Authorization", "Bearer " + token);
  }

  private static String mailToken() {
    return messaging.mailFunctionToken("mail-hostile");
  }

  private static String mail(String id, String extra) {
    return "{\"message_id\":\""
        + id
        + "\",\"from_address\":\"eve@attacker.example\",\"subject\":\"hi\",\"content\":\"hello\""
        + extra
        + "}";
  }

  @Test
  void theGatewayHasNoMailRoutes() {
    Map<String, Long> before = stack.rowCounts();
    String token = stack.operatorToken();
    for (String path :
        new String[] {"/email/inbound", "/email/deliveries/" + UUID.randomUUID() + "/claim"}) {
      int status =
          stack
              .api(token)
              .body(mail("gw-" + UUID.randomUUID() + "@x", ""))
              .post(path)
              .then()
              .extract()
              .statusCode();
      assertThat(status).as(path).isIn(404, 405);
    }
    assertThat(stack.rowCounts()).isEqualTo(before);
  }

  static Stream<String> notTheMailFunction() {
    return Stream.of(
        null,
        "not-a-jwt",
        stack.startConversation("Token Tim", "hello").getString("customer_token"),
        messaging.operatorToken("mallory"),
        messaging.token("root", "admin"),
        messaging.serviceToken(),
        messaging.aiFunctionToken("ai-function-hostile"),
        // The mail key under the AI functions' issuer, and under the operators' issuer.
        Tokens.sign(
            messaging.stack().mailFunctionSecret(),
            MessagingUnderTest.AI_FUNCTION_ISSUER,
            "mail",
            Set.of("mail_function"),
            Instant.now(),
            Duration.ofMinutes(5)),
        Tokens.sign(messaging.stack().mailFunctionSecret(), "mail", Set.of("mail_function")),
        // The right issuer with another key, and an expired one.
        Tokens.sign(
            messaging.secret,
            MessagingUnderTest.MAIL_FUNCTION_ISSUER,
            "mail",
            Set.of("mail_function"),
            Instant.now(),
            Duration.ofMinutes(5)),
        Tokens.sign(
            messaging.stack().mailFunctionSecret(),
            MessagingUnderTest.MAIL_FUNCTION_ISSUER,
            "mail",
            Set.of("mail_function"),
            Instant.now().minus(Duration.ofHours(2)),
            Duration.ofMinutes(5)));
  }

  @ParameterizedTest
  @MethodSource("notTheMailFunction")
  void onlyTheMailFunctionReachesTheRoutes(String token) {
    Map<String, Long> before = stack.rowCounts();
    int inbound =
        direct(token)
            .body(mail("forged-" + UUID.randomUUID() + "@x", ""))
            .post("/email/inbound")
            .then()
            .contentType(ContentType.JSON)
            .extract()
            .statusCode();
    assertThat(inbound).isIn(401, 403);
    int claim =
        direct(token)
            .post("/email/deliveries/" + UUID.randomUUID() + "/claim")
            .then()
            .extract()
            .statusCode();
    assertThat(claim).isIn(401, 403);
    assertThat(stack.rowCounts()).isEqualTo(before);
  }

  @Test
  void theMailFunctionsTokenReachesNothingElse() {
    String token = mailToken();
    direct(token).get("/conversations").then().statusCode(403);
    direct(token).get("/conversations/" + chatConversation).then().statusCode(403);
    direct(token).get("/messages/" + chatMessage + "/context").then().statusCode(403);
    direct(token)
        .body(
            "{\"sender\":\"customer\",\"conversation_id\":\""
                + chatConversation
                + "\",\"content\":\"injected\"}")
        .post("/messages")
        .then()
        .statusCode(403);
  }

  static Stream<String> hostileBodies() {
    String id = "h-" + UUID.randomUUID() + "@x";
    String refs =
        IntStream.range(0, 101).mapToObj(i -> "\"r" + i + "@x\"").collect(Collectors.joining(","));
    return Stream.of(
        mail(id, "").replace("\"hello\"", "\"" + "x".repeat(10_001) + "\""),
        mail(id, "").replace("hello", "he\\u0000llo"),
        mail(id, ",\"sender\":\"operator\""),
        mail(id, ",\"references\":[" + refs + "]"),
        mail(id, ",\"in_reply_to\":[\"<a@b>\"]"),
        mail("'; drop table messages; --", ""),
        mail("<" + id + ">", ""),
        mail(id, ",\"token\":\"../../etc\""),
        mail(id, "").replace("eve@attacker.example", "eve@attacker.example\\r\\nBcc: x@y"),
        mail(id, "").replace("\"hi\"", "{\"nested\":true}"),
        "{\"message_id\":\"" + id + "\"}",
        "[]",
        "not json");
  }

  @ParameterizedTest
  @MethodSource("hostileBodies")
  void hostileMailsAreRefusedAndStoreNothing(String body) {
    Map<String, Long> before = stack.rowCounts();
    direct(mailToken())
        .body(body)
        .post("/email/inbound")
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON);
    assertThat(stack.rowCounts()).isEqualTo(before);
  }

  @Test
  void aChatMessagesIdOrAGuessedTokenOpensNoOtherConversation() {
    JsonPath byId =
        direct(mailToken())
            .body(
                mail(
                    "guess-" + UUID.randomUUID() + "@x",
                    ",\"in_reply_to\":[\"" + chatMessage + "@support.example\"]"))
            .post("/email/inbound")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    assertThat(byId.getString("conversation_id")).isNotEqualTo(chatConversation);
    JsonPath byToken =
        direct(mailToken())
            .body(mail("guess-" + UUID.randomUUID() + "@x", ",\"token\":\"aaaaaaaaaaaa\""))
            .post("/email/inbound")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    assertThat(byToken.getString("conversation_id"))
        .isNotEqualTo(chatConversation)
        .isNotEqualTo(byId.getString("conversation_id"));
    // A SQL-looking id without white space is only text.
    direct(mailToken())
        .body(mail("x'or'1'='1@y-" + UUID.randomUUID(), ""))
        .post("/email/inbound")
        .then()
        .statusCode(201);
    stack
        .api(stack.operatorToken())
        .get("/conversations/" + chatConversation)
        .then()
        .statusCode(200);
  }

  @Test
  void aDeliveryIsOnlyReportedByItsHolder() {
    String conversation =
        direct(mailToken())
            .body(
                "{\"message_id\":\"d-"
                    + UUID.randomUUID()
                    + "@x\",\"from_address\":\"dora@customer.example\",\"content\":\"hi\"}")
            .post("/email/inbound")
            .then()
            .statusCode(201)
            .extract()
            .path("conversation_id");
    String reply =
        stack
            .api(stack.operatorToken())
            .body("{\"conversation_id\":\"" + conversation + "\",\"content\":\"hello Dora\"}")
            .post("/messages")
            .then()
            .statusCode(201)
            .body("delivery.status", org.hamcrest.Matchers.equalTo("queued"))
            .extract()
            .path("id");
    direct(messaging.mailFunctionToken("holder"))
        .post("/email/deliveries/" + reply + "/claim")
        .then()
        .statusCode(200);
    direct(messaging.mailFunctionToken("intruder"))
        .body("{\"outcome\":\"failed\",\"error\":\"gave up\"}")
        .post("/email/deliveries/" + reply + "/report")
        .then()
        .statusCode(409)
        .contentType(ContentType.JSON);
    direct(messaging.mailFunctionToken("intruder"))
        .body("{\"outcome\":\"sent\",\"email_message_id\":\"<bad id>\"}")
        .post("/email/deliveries/" + reply + "/report")
        .then()
        .statusCode(400);
    // The holder ends its claim: a claim left to lapse would be queued again by messaging's sweep
    // (an outbox row written in the background) while a later test compares row counts.
    direct(messaging.mailFunctionToken("holder"))
        .body("{\"outcome\":\"failed\",\"error\":\"gave up\"}")
        .post("/email/deliveries/" + reply + "/report")
        .then()
        .statusCode(200);
  }
}
