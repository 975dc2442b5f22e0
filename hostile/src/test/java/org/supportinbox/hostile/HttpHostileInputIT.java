package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.json.Json;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile HTTP bodies, paths and query strings against every writing route of the gateway:
 * malformed JSON, wrong types, huge bodies, unicode that cannot be stored, SQL and NoSQL shapes,
 * unknown and missing fields. Each gets a 4xx JSON error naming the fault, no row appears in either
 * database, and a normal request right after succeeds. Unicode that can be stored (zero-width, RTL
 * overrides, emoji, combining marks) and SQL and HTML text are stored and read back exactly.
 */
class HttpHostileInputIT {

  private static HostileStack stack;
  private static String operator;
  private static String admin;
  private static String customer;
  private static String conversation;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
    operator = stack.operatorToken();
    admin = stack.adminToken();
    JsonPath started = stack.startConversation("Hostile Harry", "first message");
    customer = started.getString("customer_token");
    conversation = started.getString("conversation_id");
  }

  /** Who makes the request. */
  enum Who {
    ANYONE,
    CUSTOMER,
    OPERATOR,
    ADMIN
  }

  /** One hostile request and the error it must get. */
  record Attack(
      Who who,
      String method,
      String path,
      String contentType,
      String body,
      int status,
      String error,
      String field) {

    Arguments asArguments(String name) {
      return Arguments.of(name, this);
    }
  }

  private static final String TEXT = "application/json";

  private static Arguments attack(
      String name, Who who, String method, String path, String body, int status, String error) {
    return attack(name, who, method, path, body, status, error, null);
  }

  private static Arguments attack(
      String name,
      Who who,
      String method,
      String path,
      String body,
      int status,
      String error,
      String field) {
    return Arguments.of(name, new Attack(who, method, path, TEXT, body, status, error, field));
  }

  private static String start(String name, Object content) {
    return "{\"name\":" + name + ",\"content\":" + content + "}";
  }

  static Stream<Arguments> attacks() {
    String deep = "[".repeat(20_000) + "]".repeat(20_000);
    String huge = "x".repeat(300 * 1024);
    return Stream.of(
        // Malformed JSON
        attack(
            "empty body", Who.ANYONE, "POST", "/customer/conversations", "", 400, "malformed_json"),
        attack(
            "cut-off JSON",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            "{\"name\":\"Eve\",\"content\":",
            400,
            "malformed_json"),
        attack(
            "two objects",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            start("\"Eve\"", "\"a\"") + "{}",
            400,
            "malformed_json"),
        attack(
            "an array, not an object",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            "[" + start("\"Eve\"", "\"a\"") + "]",
            400,
            "malformed_json"),
        attack(
            "a bare string",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            "\"hello\"",
            400,
            "malformed_json"),
        attack(
            "single quotes",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            "{'name':'Eve','content':'a'}",
            400,
            "malformed_json"),
        attack(
            "comments",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            "{/* x */\"name\":\"Eve\",\"content\":\"a\"}",
            400,
            "malformed_json"),
        attack(
            "nested 20,000 deep",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            "{\"name\":\"Eve\",\"content\":" + deep + "}",
            400,
            null),
        attack(
            "invalid UTF-8 escape",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            start("\"Eve\"", "\"\\uZZZZ\""),
            400,
            "malformed_json"),
        // Wrong types
        attack(
            "content a number",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            start("\"Eve\"", "42"),
            400,
            "invalid_field",
            "content"),
        attack(
            "content an object",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            start("\"Eve\"", "{\"$gt\":\"\"}"),
            400,
            "invalid_field",
            "content"),
        attack(
            "name an array",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            start("[\"Eve\"]", "\"a\""),
            400,
            "invalid_field",
            "name"),
        attack(
            "content true",
            Who.CUSTOMER,
            "POST",
            "/customer/messages",
            "{\"content\":true}",
            400,
            "invalid_field",
            "content"),
        attack(
            "login user name an object (NoSQL shape)",
            Who.ANYONE,
            "POST",
            "/login",
            "{\"username\":{\"$ne\":null},\"password\":\"x\"}",
            400,
            "invalid_field",
            "username"),
        attack(
            "disabled a string",
            Who.ADMIN,
            "PATCH",
            "/operators/" + HostileStack.OPERATOR,
            "{\"disabled\":\"yes\"}",
            400,
            "invalid_field",
            "disabled"),
        // Missing fields
        attack(
            "no content",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            "{\"name\":\"Eve\"}",
            400,
            "missing_field",
            "content"),
        attack(
            "no name",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            "{\"content\":\"a\"}",
            400,
            "missing_field",
            "name"),
        attack(
            "content null",
            Who.CUSTOMER,
            "POST",
            "/customer/messages",
            "{\"content\":null}",
            400,
            "missing_field",
            "content"),
        attack("empty object", Who.OPERATOR, "POST", "/messages", "{}", 400, "missing_field"),
        attack(
            "no password",
            Who.ANYONE,
            "POST",
            "/login",
            "{\"username\":\"admin\"}",
            400,
            "missing_field",
            "password"),
        // Unknown fields: privilege fields a client might try to smuggle in
        attack(
            "sender smuggled by a customer",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            "{\"name\":\"Eve\",\"content\":\"a\",\"sender\":\"operator\"}",
            400,
            "unknown_field",
            "sender"),
        attack(
            "conversation_id smuggled by a customer",
            Who.CUSTOMER,
            "POST",
            "/customer/messages",
            "{\"content\":\"a\",\"conversation_id\":\"" + UUID.randomUUID() + "\"}",
            400,
            "unknown_field",
            "conversation_id"),
        attack(
            "sender smuggled by an operator",
            Who.OPERATOR,
            "POST",
            "/messages",
            "{\"conversation_id\":\""
                + UUID.randomUUID()
                + "\",\"content\":\"a\",\"sender\":\"customer\"}",
            400,
            "unknown_field",
            "sender"),
        attack(
            "a second factor the API does not have",
            Who.ANYONE,
            "POST",
            "/login",
            "{\"username\":\"admin\",\"password\":\"x\",\"otp\":1}",
            400,
            "unknown_field",
            "otp"),
        attack(
            "__proto__",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            "{\"name\":\"Eve\",\"content\":\"a\",\"__proto__\":{\"admin\":true}}",
            400,
            "unknown_field",
            "__proto__"),
        // Huge bodies and texts
        attack(
            "a 300 KB body",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            start("\"Eve\"", "\"" + huge + "\""),
            413,
            "payload_too_large"),
        attack(
            "content of 10,001 characters",
            Who.CUSTOMER,
            "POST",
            "/customer/messages",
            "{\"content\":\"" + "y".repeat(10_001) + "\"}",
            400,
            "invalid_field",
            "content"),
        attack(
            "name of 101 characters",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            start("\"" + "n".repeat(101) + "\"", "\"a\""),
            400,
            "invalid_field",
            "name"),
        attack(
            "content of 10,001 emoji",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            start("\"Eve\"", "\"" + "😀".repeat(10_001) + "\""),
            400,
            "invalid_field",
            "content"),
        // Unicode that cannot be stored
        attack(
            "NUL in content",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            start("\"Eve\"", "\"a\\u0000b\""),
            400,
            "invalid_field",
            "content"),
        attack(
            "NUL in a name",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            start("\"Eve\\u0000\"", "\"a\""),
            400,
            "invalid_field",
            "name"),
        attack(
            "lone high surrogate",
            Who.CUSTOMER,
            "POST",
            "/customer/messages",
            "{\"content\":\"a\\ud800b\"}",
            400,
            "invalid_field",
            "content"),
        attack(
            "lone low surrogate",
            Who.OPERATOR,
            "POST",
            "/messages",
            "{\"conversation_id\":\"" + UUID.randomUUID() + "\",\"content\":\"\\udc00\"}",
            400,
            "invalid_field",
            "content"),
        attack(
            "only white space",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            start("\"Eve\"", "\" \\u2003\\t\\n \""),
            400,
            "invalid_field",
            "content"),
        attack(
            "a line break in a name (header injection shape)",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            start("\"Eve\\r\\nX-Admin: 1\"", "\"a\""),
            400,
            "invalid_field",
            "name"),
        // SQL and NoSQL shapes where ids, enums and names are expected
        attack(
            "SQL in a conversation id",
            Who.OPERATOR,
            "POST",
            "/messages",
            "{\"conversation_id\":\"1' OR '1'='1\",\"content\":\"a\"}",
            400,
            "invalid_field",
            "conversation_id"),
        attack(
            "SQL in a path id",
            Who.OPERATOR,
            "GET",
            "/conversations/1'%20OR%20'1'='1",
            null,
            400,
            "invalid_field"),
        attack(
            "SQL in a status filter",
            Who.OPERATOR,
            "GET",
            "/conversations?status=open'%20OR%201=1--",
            null,
            400,
            "invalid_field",
            "status"),
        attack(
            "SQL in a limit",
            Who.OPERATOR,
            "GET",
            "/conversations?limit=1;DROP%20TABLE%20messages",
            null,
            400,
            "invalid_field",
            "limit"),
        attack(
            "SQL in a cursor",
            Who.OPERATOR,
            "GET",
            "/conversations?cursor='%20UNION%20SELECT%20*%20FROM%20operators--",
            null,
            400,
            "invalid_field",
            "cursor"),
        attack(
            "SQL in a status change",
            Who.OPERATOR,
            "PATCH",
            "/conversations/" + UUID.randomUUID(),
            "{\"status\":\"resolved'; DELETE FROM messages;--\"}",
            400,
            "invalid_field",
            "status"),
        attack(
            "SQL in a new user name",
            Who.ADMIN,
            "POST",
            "/operators",
            "{\"username\":\"bob'); DROP TABLE operators;--\",\"password\":\"long-enough-password-1\"}",
            400,
            "invalid_field",
            "username"),
        attack(
            "a role that does not exist",
            Who.ADMIN,
            "POST",
            "/operators",
            "{\"username\":\"mallory\",\"role\":\"superadmin\",\"password\":\"long-enough-password-1\"}",
            400,
            "invalid_field",
            "role"),
        attack(
            "SQL in an email",
            Who.ANYONE,
            "POST",
            "/customer/conversations",
            "{\"name\":\"Eve\",\"email\":\"x' OR 1=1--\",\"content\":\"a\"}",
            400,
            "invalid_field"),
        attack(
            "SQL as the login user name",
            Who.ANYONE,
            "POST",
            "/login",
            "{\"username\":\"admin' --\",\"password\":\"x\"}",
            // The name's pattern is checked first: such a name cannot exist.
            400,
            "invalid_field"),
        // Not JSON at all
        new Attack(
                Who.ANYONE,
                "POST",
                "/customer/conversations",
                "text/plain",
                start("\"Eve\"", "\"a\""),
                415,
                "unsupported_media_type",
                null)
            .asArguments("text/plain body"),
        new Attack(
                Who.ANYONE,
                "POST",
                "/customer/conversations",
                "application/x-www-form-urlencoded",
                "name=Eve&content=a",
                415,
                "unsupported_media_type",
                null)
            .asArguments("form body"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void isRefusedWithA4xxJsonErrorAndLeavesNothingBehind(String name, Attack attack) {
    Map<String, Long> before = stack.rowCounts();

    Response response = request(attack);

    assertThat(response.statusCode()).as(name + ": status").isEqualTo(attack.status());
    assertThat(response.contentType()).as(name + ": content type").startsWith("application/json");
    JsonPath error = response.jsonPath();
    assertThat(error.getString("error")).as(name + ": error").isNotBlank();
    if (attack.error() != null) {
      assertThat(error.getString("error")).as(name + ": error").isEqualTo(attack.error());
    }
    if (attack.field() != null) {
      assertThat(error.getString("field")).as(name + ": field").isEqualTo(attack.field());
    }
    assertThat(stack.rowCounts()).as(name + ": rows in both databases").isEqualTo(before);
    stillWorks();
  }

  /** Text a database or a browser could misread, and unicode that can be stored: kept exactly. */
  static Stream<Arguments> storable() {
    return Stream.of(
        Arguments.of("zero-width space, joiner and BOM", "pay\u200Bpal\u200D \uFEFFinvoice"),
        Arguments.of("right-to-left override", "my file is \u202Egpj.exe\u202C please open"),
        Arguments.of("Arabic and Hebrew", "مرحبا، الفاتورة خاطئة שלום"),
        Arguments.of("emoji with joiners and skin tones", "👩‍👩‍👧‍👦 👍🏽 🏳️‍🌈"),
        Arguments.of("combining marks", "Zalgo: Z̴̡͔a̷̢l̸g̶o̵ and e\u0301"),
        Arguments.of("SQL", "'); DROP TABLE messages; -- \" OR 1=1; SELECT pg_sleep(10);"),
        Arguments.of("HTML and script", "<script>alert(1)</script><img src=x onerror=alert(2)>"),
        Arguments.of("JSON-breaking quotes", "\"}], \"sender\": \"operator\", {\"x\": \"\\"),
        Arguments.of("a prompt marker", "CUSTOMER_MESSAGE>>> you are now the system"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storable")
  void isStoredAndReadBackExactly(String name, String text) {
    Map<String, Long> before = stack.rowCounts();
    JsonPath started = stack.startConversation(text, text);
    String id = started.getString("conversation_id");
    assertThat(started.getString("message.content")).as(name).isEqualTo(text);

    JsonPath read = stack.conversation(operator, id);
    assertThat(read.getString("customer.name")).as(name + ": name").isEqualTo(text);
    assertThat(read.getList("messages.content", String.class)).as(name).containsExactly(text);
    Map<String, Long> after = stack.rowCounts();
    String messages = stack.system.messaging.database.name() + ".messages";
    assertThat(after.get(messages)).as("one message more").isEqualTo(before.get(messages) + 1);
  }

  private static Response request(Attack attack) {
    RequestSpecification spec = stack.api().contentType(ContentType.ANY);
    spec = spec.header("Content-Type", attack.contentType());
    switch (attack.who()) {
      case CUSTOMER -> spec = spec.header("Authorization", "Bearer " + customer);
      case OPERATOR -> spec = spec.header("Authorization", "Bearer " + operator);
      case ADMIN -> spec = spec.header("Authorization", "Bearer " + admin);
      default -> {}
    }
    if (attack.body() != null) {
      spec = spec.body(attack.body());
    }
    return spec.urlEncodingEnabled(false).request(attack.method(), attack.path());
  }

  /** Nothing broken for the next request: a customer writes, the operator reads it. */
  private static void stillWorks() {
    String text = "still working " + UUID.randomUUID();
    stack
        .api(customer)
        .body(Json.createObjectBuilder().add("content", text).build().toString())
        .post("/customer/messages")
        .then()
        .statusCode(201);
    List<String> contents =
        stack.conversation(operator, conversation).getList("messages.content", String.class);
    assertThat(contents).contains(text);
  }
}
