package org.supportinbox.messaging.api.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.supportinbox.messaging.api.rest.Api.asOperator;
import static org.supportinbox.messaging.api.rest.Api.asService;

import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Chat uploads in messaging: a file is uploaded to a conversation (typed by its bytes: images and
 * PDF only, at most ATTACHMENT_MAX_BYTES), waits, and is bound to the message that names it in
 * {@code attachment_ids}, in the message's transaction; a wrong id refuses the whole message; an
 * upload never sent is deleted.
 */
class UploadsIT {

  static final byte[] PNG = AttachmentsIT.PNG;

  static final byte[] PDF =
      ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>"
              + "endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
          .getBytes(StandardCharsets.US_ASCII);

  private static RequestSpecification file(RequestSpecification as, String name, byte[] bytes) {
    return as.contentType("application/octet-stream").header("X-Filename", name).body(bytes);
  }

  private static String uploadAsCustomer(UUID conversation, String name, byte[] bytes) {
    return file(asService(), name, bytes)
        .queryParam("sender", "customer")
        .post("/conversations/" + conversation + "/attachments")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static long uploads(String where) {
    return Long.parseLong(Api.query("select count(*) from attachment_uploads where " + where));
  }

  @Test
  void anUploadIsBoundToTheMessageThatNamesItAndServedAsAnImage() {
    UUID conversation = Api.customerSays(null, "I will send a photo");
    String id =
        file(asService(), "..%2Fmy%20photo%E2%80%AE.png", PNG)
            .queryParam("sender", "customer")
            .post("/conversations/" + conversation + "/attachments")
            .then()
            .statusCode(201)
            .body("filename", equalTo("my photo.png"))
            .body("content_type", equalTo("image/png"))
            .body("size", equalTo(PNG.length))
            .extract()
            .path("id");
    // Waiting: no one can fetch it yet.
    asService().get("/attachments/" + id).then().statusCode(404);

    String message =
        asService()
            .body(
                "{\"sender\":\"customer\",\"conversation_id\":\""
                    + conversation
                    + "\",\"content\":\"Here it is\",\"attachment_ids\":[\""
                    + id
                    + "\"]}")
            .post("/messages")
            .then()
            .statusCode(201)
            .body("attachments.size()", equalTo(1))
            .body("attachments[0].id", equalTo(id))
            .body("attachments[0].content_type", equalTo("image/png"))
            .extract()
            .path("id");
    assertThat(uploads("id = '" + id + "'")).isZero();
    assertThat(Api.query("select message_id from attachments where id = '" + id + "'"))
        .isEqualTo(message);
    assertThat(
            Api.query(
                "select payload::text from outbox where event_type = 'message.created'"
                    + " and payload->>'message_id' = '"
                    + message
                    + "'"))
        .contains(id);

    byte[] png =
        asService()
            .queryParam("conversation_id", conversation.toString())
            .get("/attachments/" + id)
            .then()
            .statusCode(200)
            .contentType("image/png")
            .header("Content-Disposition", startsWith("inline; filename=\"my photo.png\""))
            .header("Content-Security-Policy", startsWith("default-src 'none'"))
            .header("X-Content-Type-Options", "nosniff")
            .extract()
            .asByteArray();
    assertThat(png).isEqualTo(PNG);

    // Bound once: naming it again refuses the message, and stores nothing of it.
    asService()
        .body(
            "{\"sender\":\"customer\",\"conversation_id\":\""
                + conversation
                + "\",\"content\":\"Again\",\"attachment_ids\":[\""
                + id
                + "\"]}")
        .post("/messages")
        .then()
        .statusCode(400)
        .body("field", equalTo("attachment_ids"));
    assertThat(
            Api.query(
                "select count(*) from messages where conversation_id = '"
                    + conversation
                    + "' and content = 'Again'"))
        .isEqualTo("0");
  }

  @Test
  void anOperatorsPdfIsADownloadAndGoesOnlyIntoTheOperatorsMessage() {
    UUID conversation = Api.customerSays(null, "Send me the invoice");
    String pdf =
        file(asOperator("olga"), "invoice.pdf", PDF)
            .post("/conversations/" + conversation + "/attachments")
            .then()
            .statusCode(201)
            .body("content_type", equalTo("application/pdf"))
            .extract()
            .path("id");
    assertThat(
            Api.query(
                "select uploaded_by || '/' || sender from attachment_uploads where id = '"
                    + pdf
                    + "'"))
        .isEqualTo("olga/operator");
    // The customer's side cannot bind the operator's upload.
    asService()
        .body(
            "{\"sender\":\"customer\",\"conversation_id\":\""
                + conversation
                + "\",\"content\":\"mine now\",\"attachment_ids\":[\""
                + pdf
                + "\"]}")
        .post("/messages")
        .then()
        .statusCode(400)
        .body("field", equalTo("attachment_ids"));
    // Nor can a message of another conversation.
    UUID other = Api.customerSays(null, "Another chat");
    asOperator("olga")
        .body(
            "{\"sender\":\"operator\",\"conversation_id\":\""
                + other
                + "\",\"content\":\"wrong one\",\"attachment_ids\":[\""
                + pdf
                + "\"]}")
        .post("/messages")
        .then()
        .statusCode(400)
        .body("field", equalTo("attachment_ids"));
    assertThat(uploads("id = '" + pdf + "'")).isOne();

    asOperator("olga")
        .body(
            "{\"sender\":\"operator\",\"conversation_id\":\""
                + conversation
                + "\",\"content\":\"Your invoice\",\"attachment_ids\":[\""
                + pdf
                + "\"]}")
        .post("/messages")
        .then()
        .statusCode(201)
        .body("attachments[0].id", equalTo(pdf));
    asOperator("olga")
        .get("/attachments/" + pdf)
        .then()
        .statusCode(200)
        .contentType("application/pdf")
        .header("Content-Disposition", startsWith("attachment; filename=\"invoice.pdf\""));
  }

  @Test
  void aFileIsTypedByItsBytesAndRefusedWhenItIsNoImageOrPdf() {
    UUID conversation = Api.customerSays(null, "Files");
    byte[] html =
        "<html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
    file(asService(), "photo.png", html)
        .contentType("image/png")
        .queryParam("sender", "customer")
        .post("/conversations/" + conversation + "/attachments")
        .then()
        .statusCode(415)
        .body("error", equalTo("unsupported_media_type"))
        .body("field", equalTo("body"));
    byte[] svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
            .getBytes(StandardCharsets.UTF_8);
    file(asService(), "logo.png", svg)
        .queryParam("sender", "customer")
        .post("/conversations/" + conversation + "/attachments")
        .then()
        .statusCode(415);
    // A PNG named .exe is a PNG.
    String png = uploadAsCustomer(conversation, "setup.exe", PNG);
    assertThat(Api.query("select content_type from attachment_uploads where id = '" + png + "'"))
        .isEqualTo("image/png");
    assertThat(uploads("conversation_id = '" + conversation + "'")).isOne();

    file(asService(), "big.png", new byte[10 * 1024 * 1024 + 1])
        .queryParam("sender", "customer")
        .post("/conversations/" + conversation + "/attachments")
        .then()
        .statusCode(413)
        .body("error", equalTo("payload_too_large"));
    file(asService(), "empty.png", new byte[0])
        .queryParam("sender", "customer")
        .post("/conversations/" + conversation + "/attachments")
        .then()
        .statusCode(400);
    asService()
        .contentType("application/octet-stream")
        .body(PNG)
        .queryParam("sender", "customer")
        .post("/conversations/" + conversation + "/attachments")
        .then()
        .statusCode(400)
        .body("error", equalTo("missing_field"))
        .body("field", equalTo("X-Filename"));
    file(asService(), "a.png", PNG)
        .post("/conversations/" + conversation + "/attachments")
        .then()
        .statusCode(400)
        .body("field", equalTo("sender"));
    file(asOperator("olga"), "a.png", PNG)
        .queryParam("sender", "customer")
        .post("/conversations/" + conversation + "/attachments")
        .then()
        .statusCode(400)
        .body("field", equalTo("sender"));
    file(asService(), "a.png", PNG)
        .queryParam("sender", "customer")
        .post("/conversations/" + UUID.randomUUID() + "/attachments")
        .then()
        .statusCode(404);
    assertThat(uploads("conversation_id = '" + conversation + "'")).isOne();
  }

  @Test
  void atMostTenUploadsWaitPerConversationAndSide() {
    UUID conversation = Api.customerSays(null, "Many files");
    for (int i = 0; i < 10; i++) {
      uploadAsCustomer(conversation, "p" + i + ".png", PNG);
    }
    file(asService(), "p10.png", PNG)
        .queryParam("sender", "customer")
        .post("/conversations/" + conversation + "/attachments")
        .then()
        .statusCode(409)
        .body("field", equalTo("body"));
    // The operators' side has its own.
    file(asOperator("olga"), "o.png", PNG)
        .post("/conversations/" + conversation + "/attachments")
        .then()
        .statusCode(201);
  }

  @Test
  void anUploadNeverSentIsDeletedAfterAnHour() throws InterruptedException {
    UUID conversation = Api.customerSays(null, "Forgotten file");
    String old = uploadAsCustomer(conversation, "old.png", PNG);
    String fresh = uploadAsCustomer(conversation, "fresh.png", PNG);
    Api.execute(
        "update attachment_uploads set created_at = now() - interval '61 minutes' where id = '"
            + old
            + "'");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (uploads("id = '" + old + "'") > 0 && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
    }
    assertThat(uploads("id = '" + old + "'")).isZero();
    assertThat(uploads("id = '" + fresh + "'")).isOne();
    asService()
        .body(
            "{\"sender\":\"customer\",\"conversation_id\":\""
                + conversation
                + "\",\"content\":\"late\",\"attachment_ids\":[\""
                + old
                + "\"]}")
        .post("/messages")
        .then()
        .statusCode(400)
        .body("field", equalTo("attachment_ids"));
  }
}
