package org.supportinbox.gateway.api.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.adminToken;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.api;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files in chat through the gateway to the real messaging: a customer uploads to the token's own
 * conversation ({@code POST /customer/attachments}) and sends it with a message; an operator
 * uploads to a conversation ({@code POST /conversations/{id}/attachments}) and sends it with a
 * reply; the customer sees the operator's image inline and the operator the customer's PDF as a
 * download; the upload routes take only their own role, and a file over {@code
 * ATTACHMENT_MAX_BYTES} is refused before it is read whole.
 */
class UploadFacadeIT {

  static final byte[] PNG =
      HexFormat.of()
          .parseHex(
              "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                  + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082");

  static final byte[] PDF =
      "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
          .getBytes(StandardCharsets.US_ASCII);

  private static String customer;
  private static String conversation;
  private static String operator;

  private static RequestSpecification as(String token) {
    return api().header("Authorization", "Bearer " + token);
  }

  private static RequestSpecification file(String token, String name, String type, byte[] b) {
    return as(token).contentType(type).header("X-Filename", name).body(b);
  }

  @BeforeAll
  static void aChat() {
    JsonPath started =
        api()
            .body("{\"name\":\"Una\",\"content\":\"The screen shows an error\"}")
            .post("/customer/conversations")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    customer = started.getString("customer_token");
    conversation = started.getString("conversation_id");
    operator = adminToken();
  }

  @Test
  void aCustomersPdfReachesTheOperatorAsADownload() {
    String id =
        file(customer, "error%20report.pdf", "application/pdf", PDF)
            .post("/customer/attachments")
            .then()
            .statusCode(201)
            .body("filename", equalTo("error report.pdf"))
            .body("content_type", equalTo("application/pdf"))
            .extract()
            .path("id");
    as(customer)
        .body("{\"content\":\"Here is the report\",\"attachment_ids\":[\"" + id + "\"]}")
        .post("/customer/messages")
        .then()
        .statusCode(201)
        .body("attachments[0].id", equalTo(id));
    byte[] pdf =
        as(operator)
            .get("/attachments/" + id)
            .then()
            .statusCode(200)
            .contentType("application/pdf")
            .header("Content-Disposition", startsWith("attachment; filename=\"error report.pdf\""))
            .extract()
            .asByteArray();
    assertArrayEquals(PDF, pdf);
    as(customer).get("/customer/attachments/" + id).then().statusCode(200);
  }

  @Test
  void anOperatorsImageReachesTheCustomerInline() {
    String id =
        file(operator, "screen.png", "image/png", PNG)
            .post("/conversations/" + conversation + "/attachments")
            .then()
            .statusCode(201)
            .body("content_type", equalTo("image/png"))
            .extract()
            .path("id");
    // Not sent yet: no one gets it.
    as(customer).get("/customer/attachments/" + id).then().statusCode(404);
    as(operator)
        .body(
            "{\"conversation_id\":\""
                + conversation
                + "\",\"content\":\"Like this?\",\"attachment_ids\":[\""
                + id
                + "\"]}")
        .post("/messages")
        .then()
        .statusCode(201)
        .body("attachments[0].filename", equalTo("screen.png"));
    byte[] png =
        as(customer)
            .get("/customer/attachments/" + id)
            .then()
            .statusCode(200)
            .contentType("image/png")
            .header("Content-Disposition", startsWith("inline; filename=\"screen.png\""))
            .header("X-Content-Type-Options", "nosniff")
            .header("Content-Security-Policy", startsWith("default-src 'none'"))
            .extract()
            .asByteArray();
    assertArrayEquals(PNG, png);
    as(customer)
        .get("/customer/conversation")
        .then()
        .statusCode(200)
        .body("messages.find { it.content == 'Like this?' }.attachments[0].id", equalTo(id));
  }

  @Test
  void theUploadRoutesTakeTheirOwnRoleOnlyAndTheLimit() {
    file(operator, "a.png", "image/png", PNG).post("/customer/attachments").then().statusCode(403);
    file(customer, "a.png", "image/png", PNG)
        .post("/conversations/" + conversation + "/attachments")
        .then()
        .statusCode(403);
    api()
        .contentType("image/png")
        .header("X-Filename", "a.png")
        .body(PNG)
        .post("/customer/attachments")
        .then()
        .statusCode(401);
    file(customer, "big.png", "image/png", new byte[10 * 1024 * 1024 + 1])
        .post("/customer/attachments")
        .then()
        .statusCode(413)
        .body("error", equalTo("payload_too_large"));
    file(customer, "page.png", "image/png", "<html>hi</html>".getBytes(StandardCharsets.UTF_8))
        .post("/customer/attachments")
        .then()
        .statusCode(415)
        .body("error", equalTo("unsupported_media_type"));
    as(customer)
        .contentType("image/png")
        .body(PNG)
        .post("/customer/attachments")
        .then()
        .statusCode(400)
        .body("field", equalTo("X-Filename"));
  }
}
