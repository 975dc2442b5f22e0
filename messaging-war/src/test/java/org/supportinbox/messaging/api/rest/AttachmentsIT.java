package org.supportinbox.messaging.api.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.supportinbox.messaging.api.rest.Api.asAiFunction;
import static org.supportinbox.messaging.api.rest.Api.asMailFunction;
import static org.supportinbox.messaging.api.rest.Api.asOperator;
import static org.supportinbox.messaging.api.rest.Api.asService;

import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.events.MessageCreated;

/**
 * A mail's attachments in messaging: stored with the message in its transaction (bytea), typed by
 * their bytes, names sanitised, listed as metadata in the thread and in {@code message.created}
 * (never the bytes), served as downloads; over the limits or malformed, the whole mail is refused
 * and nothing is stored.
 */
class AttachmentsIT {

  static final byte[] PNG =
      HexFormat.of()
          .parseHex(
              "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                  + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082");

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static String file(String name, String type, String base64) {
    return "{\"filename\":"
        + (name == null ? "null" : "\"" + name + "\"")
        + ",\"content_type\":\""
        + type
        + "\",\"content_base64\":\""
        + base64
        + "\"}";
  }

  private static String mail(String messageId, List<String> files) {
    return "{\"message_id\":\""
        + messageId
        + "\",\"from_address\":\"fay-"
        + unique()
        + "@customer.example\",\"subject\":\"Files\",\"content\":\"See attached.\","
        + "\"attachments\":["
        + String.join(",", files)
        + "]}";
  }

  private static long stored(String mailId) {
    return Long.parseLong(
        Api.query(
            "select count(*) from messages m left join attachments a on a.message_id = m.id"
                + " where m.email_message_id = '"
                + mailId
                + "'"));
  }

  @Test
  void filesAreStoredWithTheMessageTypedByTheirBytesAndListedAsMetadata() {
    String id = "att-" + unique() + "@customer.example";
    String html = "<html><script>alert(1)</script></html>";
    JsonPath m =
        asMailFunction("mail-it")
            .body(
                mail(
                    id,
                    List.of(
                        file("..\\\\..\\\\photo\\u202e.png", "application/octet-stream", b64(PNG)),
                        file(
                            "page.pdf",
                            "application/pdf",
                            b64(html.getBytes(StandardCharsets.UTF_8))),
                        file(null, "text/plain", b64("plain".getBytes(StandardCharsets.UTF_8))))))
            .post("/email/inbound")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    List<Map<String, Object>> files = m.getList("attachments");
    assertThat(files).hasSize(3);
    assertThat(files.get(0).get("filename")).isEqualTo("photo.png");
    assertThat(files.get(0).get("content_type")).isEqualTo("image/png");
    assertThat(((Number) files.get(0).get("size")).intValue()).isEqualTo(PNG.length);
    assertThat(files.get(1).get("content_type")).isEqualTo("text/html");
    assertThat(files.get(2).get("filename")).isEqualTo("attachment-3");
    assertThat(files.get(0).keySet())
        .containsExactlyInAnyOrder("id", "filename", "content_type", "size");

    String conversation = m.getString("conversation_id");
    asOperator("olga")
        .get("/conversations/" + conversation)
        .then()
        .statusCode(200)
        .body("messages[0].attachments.size()", equalTo(3))
        .body("messages[0].attachments[0].filename", equalTo("photo.png"));

    String payload =
        Api.query(
            "select payload::text from outbox where event_type = 'message.created'"
                + " and payload->>'message_id' = '"
                + m.getString("id")
                + "'");
    assertThat(payload).contains("\"attachments\"").contains("photo.png").doesNotContain(b64(PNG));
    assertThat(
            Api.query(
                "select payload->>'schema_version' from outbox where event_type ="
                    + " 'message.created' and payload->>'message_id' = '"
                    + m.getString("id")
                    + "'"))
        .isEqualTo(Integer.toString(MessageCreated.SCHEMA_VERSION));

    byte[] png =
        asService()
            .get("/attachments/" + files.get(0).get("id"))
            .then()
            .statusCode(200)
            .contentType("image/png")
            .header("Content-Disposition", startsWith("inline; filename=\"photo.png\""))
            .header("Content-Security-Policy", containsString("sandbox"))
            .header("X-Content-Type-Options", "nosniff")
            .extract()
            .asByteArray();
    assertThat(png).isEqualTo(PNG);
    asOperator("olga")
        .get("/attachments/" + files.get(1).get("id"))
        .then()
        .statusCode(200)
        .contentType("application/octet-stream");

    // The customer's route (the gateway passes the token's conversation): own file yes, else 404.
    asService()
        .queryParam("conversation_id", conversation)
        .get("/attachments/" + files.get(0).get("id"))
        .then()
        .statusCode(200);
    asService()
        .queryParam("conversation_id", UUID.randomUUID().toString())
        .get("/attachments/" + files.get(0).get("id"))
        .then()
        .statusCode(404)
        .body("error", equalTo("attachment_not_found"));

    // A mail read again: the same message and files, nothing stored twice.
    asMailFunction("mail-it")
        .body(mail(id, List.of(file("photo.png", "image/png", b64(PNG)))))
        .post("/email/inbound")
        .then()
        .statusCode(200)
        .body("attachments.size()", equalTo(3));
    assertThat(stored(id)).isEqualTo(3);
  }

  @Test
  void overTheLimitsOrMalformedTheMailIsRefusedAndNothingStored() {
    String many = "many-" + unique() + "@customer.example";
    String[] eleven = new String[11];
    java.util.Arrays.fill(eleven, file("a.txt", "text/plain", b64("a".getBytes())));
    asMailFunction("mail-it")
        .body(mail(many, List.of(eleven)))
        .post("/email/inbound")
        .then()
        .statusCode(413)
        .body("error", equalTo("payload_too_large"))
        .body("field", equalTo("attachments"));
    assertThat(stored(many)).isZero();

    String bad = "bad-" + unique() + "@customer.example";
    asMailFunction("mail-it")
        .body(mail(bad, List.of(file("a.txt", "text/plain", "%%%not base64"))))
        .post("/email/inbound")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_field"))
        .body("field", equalTo("attachments"));
    assertThat(stored(bad)).isZero();

    String big = "big-" + unique() + "@customer.example";
    byte[] overLimit = new byte[10 * 1024 * 1024 + 1];
    asMailFunction("mail-it")
        .body(mail(big, List.of(file("big.bin", "application/octet-stream", b64(overLimit)))))
        .post("/email/inbound")
        .then()
        .statusCode(413)
        .body("field", equalTo("attachments"));
    assertThat(stored(big)).isZero();
  }

  @Test
  void downloadsNeedAnOperatorOrTheGatewayAndAKnownId() {
    asAiFunction().get("/attachments/" + UUID.randomUUID()).then().statusCode(403);
    asMailFunction("mail-it").get("/attachments/" + UUID.randomUUID()).then().statusCode(403);
    asService()
        .get("/attachments/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .body("error", equalTo("attachment_not_found"));
    asService().get("/attachments/not-a-uuid").then().statusCode(400);
    Api.as("").get("/attachments/" + UUID.randomUUID()).then().statusCode(401);
  }
}
