package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.ForgedTokens;

/**
 * The upload routes under attack: {@code POST /customer/attachments} (the token's own conversation)
 * and {@code POST /conversations/{id}/attachments} (operators), and the {@code attachment_ids} that
 * send an upload. HTML or SVG disguised as an image, a file over the limit, missing or malformed
 * headers, wrong roles and tokens are refused with JSON and store nothing (a GIF header followed by
 * script is a GIF, only ever served as one); a customer can neither upload into another
 * conversation, nor send or fetch another's upload, nor send an operator's; an upload not sent yet
 * is no one's download.
 */
class AttachmentUploadIT {

  static final byte[] PNG =
      HexFormat.of()
          .parseHex(
              "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                  + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082");

  private static HostileStack stack;
  private static String customerA;
  private static String customerB;
  private static String conversationA;
  private static String conversationB;

  @BeforeAll
  static void twoChats() {
    stack = HostileStack.get();
    JsonPath a = stack.startConversation("Upload Ursula", "files coming");
    JsonPath b = stack.startConversation("Mallory", "hello");
    customerA = a.getString("customer_token");
    customerB = b.getString("customer_token");
    conversationA = a.getString("conversation_id");
    conversationB = b.getString("conversation_id");
  }

  private static RequestSpecification upload(String token, String name, String type, byte[] b) {
    RequestSpecification r = token == null ? stack.api() : stack.api(token);
    r = r.contentType(type).body(b);
    return name == null ? r : r.header("X-Filename", name);
  }

  private static String uploaded(String token, String path) {
    return upload(token, "p.png", "image/png", PNG)
        .post(path)
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static void refusedWithJson(Response r, int status, String field) {
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/json");
    if (field != null) {
      assertThat(r.jsonPath().getString("field")).isEqualTo(field);
    }
  }

  private static Response send(String token, String attachmentId) {
    return stack
        .api(token)
        .body("{\"content\":\"see file\",\"attachment_ids\":[\"" + attachmentId + "\"]}")
        .post("/customer/messages");
  }

  @Test
  void disguisedOversizedAndNamelessFilesAreRefusedAndNothingIsStored() {
    Map<String, Long> before = stack.rowCounts();
    byte[] html =
        "<!DOCTYPE html><html><script>alert(document.domain)</script></html>"
            .getBytes(StandardCharsets.UTF_8);
    byte[] svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"
            .getBytes(StandardCharsets.UTF_8);
    refusedWithJson(
        upload(customerA, "cat.png", "image/png", html).post("/customer/attachments"), 415, "body");
    refusedWithJson(
        upload(customerA, "cat.png", "image/png", svg).post("/customer/attachments"), 415, "body");
    refusedWithJson(
        upload(customerA, "x.png", "image/png", new byte[64]).post("/customer/attachments"),
        415,
        "body");
    refusedWithJson(
        upload(customerA, "big.png", "image/png", new byte[10 * 1024 * 1024 + 10])
            .post("/customer/attachments"),
        413,
        null);
    refusedWithJson(
        upload(customerA, null, "image/png", PNG).post("/customer/attachments"), 400, "X-Filename");
    refusedWithJson(
        upload(customerA, "%zz.png", "image/png", PNG).post("/customer/attachments"),
        400,
        "X-Filename");
    refusedWithJson(
        upload(customerA, "a b.png", "image/png", PNG).post("/customer/attachments"),
        400,
        "X-Filename");
    refusedWithJson(
        upload(customerA, "empty.png", "image/png", new byte[0]).post("/customer/attachments"),
        400,
        "body");
    refusedWithJson(
        upload(stack.operatorToken(), null, "image/png", PNG)
            .post("/conversations/" + conversationA + "/attachments"),
        400,
        "X-Filename");
    refusedWithJson(
        upload(stack.operatorToken(), "p.png", "image/png", PNG)
            .post("/conversations/not-a-uuid/attachments"),
        400,
        null);
    refusedWithJson(
        upload(stack.operatorToken(), "p.png", "image/png", PNG)
            .post("/conversations/" + UUID.randomUUID() + "/attachments"),
        404,
        null);
    assertThat(stack.rowCounts()).isEqualTo(before);
  }

  /**
   * A GIF header followed by script is a GIF by its bytes, and taken as one: it is only ever served
   * as {@code image/gif} with {@code nosniff} under a sandboxing policy, which no browser runs.
   */
  @Test
  void aPolyglotIsOnlyEverAnImage() {
    String id =
        upload(
                customerA,
                "cat.gif",
                "text/html",
                "GIF89a<script>alert(document.domain)</script>".getBytes(StandardCharsets.UTF_8))
            .post("/customer/attachments")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    assertThat(send(customerA, id).statusCode()).isEqualTo(201);
    for (Response r :
        List.of(
            stack.api(customerA).get("/customer/attachments/" + id),
            stack.api(stack.operatorToken()).get("/attachments/" + id))) {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.contentType()).isEqualTo("image/gif");
      assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(r.headers().getValues("Content-Security-Policy"))
          .hasSize(1)
          .allSatisfy(p -> assertThat(p).contains("sandbox").startsWith("default-src 'none'"));
    }
  }

  @Test
  void wrongRolesAndTokensAreRefused() {
    Map<String, Long> before = stack.rowCounts();
    refusedWithJson(
        upload(null, "p.png", "image/png", PNG).post("/customer/attachments"), 401, null);
    refusedWithJson(
        upload("not.a.token", "p.png", "image/png", PNG).post("/customer/attachments"), 401, null);
    refusedWithJson(
        upload(ForgedTokens.algNone(), "p.png", "image/png", PNG).post("/customer/attachments"),
        401,
        null);
    refusedWithJson(
        upload(stack.operatorToken(), "p.png", "image/png", PNG).post("/customer/attachments"),
        403,
        null);
    refusedWithJson(
        upload(customerA, "p.png", "image/png", PNG)
            .post("/conversations/" + conversationA + "/attachments"),
        403,
        null);
    refusedWithJson(
        upload(null, "p.png", "image/png", PNG)
            .post("/conversations/" + conversationA + "/attachments"),
        401,
        null);
    assertThat(stack.rowCounts()).isEqualTo(before);
  }

  @Test
  void aCustomerUploadsIntoTheTokensConversationOnlyWhateverTheRequestSays() {
    String id =
        upload(customerA, "p.png", "image/png", PNG)
            .queryParam("conversation_id", conversationB)
            .queryParam("sender", "operator")
            .post("/customer/attachments")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    assertThat(
            stack.messagingRows(
                "select conversation_id::text, sender from attachment_uploads where id = ?",
                UUID.fromString(id)))
        .containsExactly(List.of(conversationA, "customer"));
  }

  @Test
  void anotherCustomersOrAnOperatorsUploadCannotBeSentOrFetched() {
    String ofA = uploaded(customerA, "/customer/attachments");
    String ofOperator =
        uploaded(stack.operatorToken(), "/conversations/" + conversationB + "/attachments");
    Map<String, Long> before = stack.rowCounts();
    // B cannot send A's upload, nor the operator's upload into B's own conversation.
    refusedWithJson(send(customerB, ofA), 400, "attachment_ids");
    refusedWithJson(send(customerB, ofOperator), 400, "attachment_ids");
    refusedWithJson(send(customerB, "not-a-uuid"), 400, "attachment_ids");
    // An operator cannot send A's upload as a reply.
    refusedWithJson(
        stack
            .api(stack.operatorToken())
            .body(
                "{\"conversation_id\":\""
                    + conversationA
                    + "\",\"content\":\"x\",\"attachment_ids\":[\""
                    + ofA
                    + "\"]}")
            .post("/messages"),
        400,
        "attachment_ids");
    assertThat(stack.rowCounts()).isEqualTo(before);
    // Not sent yet: no one's download.
    refusedWithJson(stack.api(customerA).get("/customer/attachments/" + ofA), 404, null);
    refusedWithJson(stack.api(stack.operatorToken()).get("/attachments/" + ofA), 404, null);

    // Sent by A: A's and the operators', never B's.
    assertThat(send(customerA, ofA).statusCode()).isEqualTo(201);
    assertThat(stack.api(customerA).get("/customer/attachments/" + ofA).statusCode())
        .isEqualTo(200);
    refusedWithJson(stack.api(customerB).get("/customer/attachments/" + ofA), 404, null);
    assertThat(stack.api(stack.operatorToken()).get("/attachments/" + ofA).statusCode())
        .isEqualTo(200);
    // Sent once only.
    refusedWithJson(send(customerA, ofA), 400, "attachment_ids");
  }
}
