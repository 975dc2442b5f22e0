package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.ForgedTokens;

/**
 * The download routes under attack: {@code GET /attachments/{id}} (operators) and {@code GET
 * /customer/attachments/{id}} (the conversation's customer). Wrong role, no or forged token,
 * another customer's file, an operators' note's file, unknown and malformed ids, path tricks and
 * other methods are refused with JSON and no bytes; an uploaded HTML or SVG file is only ever a
 * download ({@code Content-Disposition: attachment}, {@code application/octet-stream}, {@code
 * nosniff}, a sandboxing policy), never a page of the app's origin.
 *
 * <p>The chat conversations' files are written into messaging's database here, as the mail route
 * stores them, so that a plain text file and a note's file exist (uploads take images and PDF only;
 * {@link AttachmentUploadIT} attacks those).
 */
class AttachmentDownloadIT {

  static final String HTML = "<html><body><script>alert(document.domain)</script></body></html>";
  static final String SVG =
      "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";

  private static HostileStack stack;
  private static String customerA;
  private static String customerB;
  private static UUID fileOfA;
  private static UUID noteFileOfA;
  private static UUID fileOfB;
  private static List<Map<String, Object>> mailFiles;

  @BeforeAll
  static void files() {
    stack = HostileStack.get();
    JsonPath a = stack.startConversation("Files Fay", "see my file");
    JsonPath b = stack.startConversation("Other Otto", "mine");
    customerA = a.getString("customer_token");
    customerB = b.getString("customer_token");
    UUID conversationA = UUID.fromString(a.getString("conversation_id"));
    fileOfA = seed(conversationA, UUID.fromString(a.getString("message.id")), "a.txt", "A's");
    fileOfB =
        seed(
            UUID.fromString(b.getString("conversation_id")),
            UUID.fromString(b.getString("message.id")),
            "b.txt",
            "B's");
    String note =
        stack
            .api(stack.operatorToken())
            .body(
                "{\"conversation_id\":\""
                    + conversationA
                    + "\",\"content\":\"internal file\",\"internal\":true}")
            .post("/messages")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    noteFileOfA = seed(conversationA, UUID.fromString(note), "note.txt", "team only");

    // A mail with an HTML page and an SVG image, through the mail function's own route.
    mailFiles =
        RestAssured.given()
            .baseUri(stack.system.messaging.server().baseUrl())
            .header(
                "Authorization",
                "Bearer " + stack.system.messaging.mailFunctionToken("mail-hostile"))
            .contentType(ContentType.JSON)
            .body(
                "{\"message_id\":\"files-"
                    + UUID.randomUUID()
                    + "@attacker.example\",\"from_address\":\"eve@attacker.example\","
                    + "\"content\":\"pages\",\"attachments\":["
                    + file("page.html", "text/html", HTML)
                    + ","
                    + file("image.svg", "image/svg+xml", SVG)
                    + "]}")
            .post("/email/inbound")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getList("attachments");
  }

  private static String file(String name, String type, String text) {
    return "{\"filename\":\""
        + name
        + "\",\"content_type\":\""
        + type
        + "\",\"content_base64\":\""
        + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
        + "\"}";
  }

  private static UUID seed(UUID conversation, UUID message, String name, String text) {
    UUID id = UUID.randomUUID();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    stack.messagingUpdate(
        "insert into attachments (id, message_id, conversation_id, position, filename,"
            + " content_type, size, content, created_at) values (?, ?, ?, 0, ?, 'text/plain', ?,"
            + " ?, ?)",
        id,
        message,
        conversation,
        name,
        (long) bytes.length,
        bytes,
        java.sql.Timestamp.from(Instant.now()));
    return id;
  }

  private static void refusedWithJson(Response r, int status) {
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.header("Content-Disposition")).isNull();
  }

  @Test
  void htmlAndSvgAreOnlyEverDownloadsForOperators() {
    String operator = stack.operatorToken();
    for (Map<String, Object> f : mailFiles) {
      Response r = stack.api(operator).get("/attachments/" + f.get("id"));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.contentType()).isEqualTo("application/octet-stream");
      assertThat(r.header("Content-Disposition"))
          .startsWith("attachment; filename=\"" + f.get("filename") + "\"");
      assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(r.headers().getValues("Content-Security-Policy"))
          .as("one policy, the download's")
          .hasSize(1)
          .allSatisfy(p -> assertThat(p).contains("sandbox").contains("default-src 'none'"));
      assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(r.header("Cache-Control")).contains("no-store");
    }
    assertThat(mailFiles.get(0).get("content_type")).isEqualTo("text/html");
    assertThat(mailFiles.get(1).get("content_type")).isEqualTo("image/svg+xml");
  }

  @Test
  void theCustomerGetsTheirOwnFilesOnly() {
    Response own = stack.api(customerA).get("/customer/attachments/" + fileOfA);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.asString()).isEqualTo("A's");
    assertThat(own.header("Content-Disposition")).startsWith("attachment;");

    Response other = stack.api(customerA).get("/customer/attachments/" + fileOfB);
    refusedWithJson(other, 404);
    Response note = stack.api(customerA).get("/customer/attachments/" + noteFileOfA);
    refusedWithJson(note, 404);
    Response unknown = stack.api(customerA).get("/customer/attachments/" + UUID.randomUUID());
    refusedWithJson(unknown, 404);
    assertThat(other.jsonPath().getString("error"))
        .isEqualTo(note.jsonPath().getString("error"))
        .isEqualTo(unknown.jsonPath().getString("error"))
        .isEqualTo("attachment_not_found");
    // B's own file is B's.
    assertThat(stack.api(customerB).get("/customer/attachments/" + fileOfB).statusCode())
        .isEqualTo(200);
    // An email conversation's file is no chat customer's.
    refusedWithJson(
        stack.api(customerA).get("/customer/attachments/" + mailFiles.get(0).get("id")), 404);
  }

  @Test
  void wrongRolesAndTokensAreRefused() {
    refusedWithJson(stack.api(customerA).get("/attachments/" + fileOfA), 403);
    refusedWithJson(stack.api(stack.operatorToken()).get("/customer/attachments/" + fileOfA), 403);
    refusedWithJson(stack.api().get("/attachments/" + fileOfA), 401);
    refusedWithJson(stack.api().get("/customer/attachments/" + fileOfA), 401);
    refusedWithJson(stack.api("not.a.token").get("/attachments/" + fileOfA), 401);
    String forged = ForgedTokens.algNone();
    refusedWithJson(stack.api(forged).get("/attachments/" + fileOfA), 401);
  }

  @Test
  void malformedIdsPathTricksAndOtherMethodsGetNoBytes() {
    String operator = stack.operatorToken();
    refusedWithJson(stack.api(operator).get("/attachments/not-a-uuid"), 400);
    refusedWithJson(stack.api(customerA).get("/customer/attachments/not-a-uuid"), 400);
    refusedWithJson(stack.api(operator).get("/attachments/" + UUID.randomUUID()), 404);
    for (String path :
        List.of(
            "/attachments/" + fileOfA + "/..",
            "/attachments/" + fileOfA + "/content",
            "/attachments/..;/conversations",
            "/customer/attachments/" + fileOfB + "/../" + fileOfA,
            "/attachments/" + fileOfA + "%00")) {
      // Whatever such a path resolves to (the client or the server removes dot segments, so
      // "/attachments/<id>/.." is "/attachments/"), it is never a file's download.
      Response r = stack.api(operator).urlEncodingEnabled(false).get(path);
      assertThat(r.statusCode()).as(path).isNotEqualTo(500);
      assertThat(r.header("Content-Disposition")).as(path).isNull();
      assertThat(r.contentType()).as(path).doesNotStartWith("application/octet-stream");
      assertThat(r.asString()).as(path).doesNotContain("A's").doesNotContain("B's");
    }
    Map<String, Long> before = stack.rowCounts();
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
      Response r = stack.api(operator).request(method, "/attachments/" + fileOfA);
      assertThat(r.statusCode()).as(method).isEqualTo(405);
    }
    assertThat(stack.rowCounts()).isEqualTo(before);
  }

  @Test
  void theMailRouteRefusesHostileFilesAndStoresNothing() {
    Map<String, Long> before = stack.rowCounts();
    String token = stack.system.messaging.mailFunctionToken("mail-hostile");
    String[] bodies = {
      "\"attachments\":["
          + String.join(",", java.util.Collections.nCopies(11, file("a", "x/y", "a")))
          + "]",
      "\"attachments\":[{\"filename\":\"a\",\"content_base64\":\"***\"}]",
      "\"attachments\":[{\"filename\":\"a\"}]",
      "\"attachments\":[null]",
      "\"attachments\":\"not a list\"",
      "\"attachments\":[{\"filename\":\"a\",\"content_base64\":\"QQ==\",\"extra\":1}]"
    };
    for (String extra : bodies) {
      Response r =
          RestAssured.given()
              .baseUri(stack.system.messaging.server().baseUrl())
              .header("Authorization", "Bearer " + token)
              .contentType(ContentType.JSON)
              .body(
                  "{\"message_id\":\"h-"
                      + UUID.randomUUID()
                      + "@attacker.example\",\"from_address\":\"eve@attacker.example\","
                      + "\"content\":\"x\","
                      + extra
                      + "}")
              .post("/email/inbound");
      assertThat(r.statusCode()).as(extra).isIn(400, 413);
      assertThat(r.contentType()).as(extra).startsWith("application/json");
    }
    assertThat(stack.rowCounts()).isEqualTo(before);
  }
}
