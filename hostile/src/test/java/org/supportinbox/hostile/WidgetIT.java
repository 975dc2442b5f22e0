package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The widget's endpoints on a gateway whose WIDGET_ALLOWED_ORIGINS is empty (the default): no site
 * may read {@code /widget/config} or frame the chat; a customer token renews only itself, for its
 * own conversation, and not after the chat ended; no one else renews one.
 */
class WidgetIT {

  private static HostileStack stack;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
  }

  @Test
  void withoutAllowedSitesNoSiteMayEmbedTheChat() {
    for (String origin : new String[] {null, "null", "https://evil.example", "http://127.0.0.1"}) {
      var request = stack.api();
      if (origin != null) {
        request.header("Origin", origin);
      }
      Response answer = request.get("/widget/config");
      answer.then().statusCode(403).body("error", equalTo("forbidden"));
      assertThat(answer.header("Access-Control-Allow-Origin")).as(origin).isNull();
    }
    Response chat = stack.api().get("/chat.html");
    chat.then().statusCode(200).header("X-Frame-Options", "DENY");
    assertThat(chat.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
  }

  @Test
  void aCustomerTokenRenewsItselfOnlyAndNotAfterTheChatEnded() {
    var started = stack.startConversation("Renee Renew", "keep me signed in");
    String token = started.getString("customer_token");
    String conversation = started.getString("conversation_id");

    stack.api().post("/customer/token").then().statusCode(401);
    stack.api(stack.operatorToken()).post("/customer/token").then().statusCode(403);
    stack.api("not.a.token").post("/customer/token").then().statusCode(401);

    String renewed =
        stack
            .api(token)
            .post("/customer/token")
            .then()
            .statusCode(200)
            .body("expires_in", equalTo(24 * 3600))
            .extract()
            .path("customer_token");
    assertThat(renewed).isNotEqualTo(token);
    stack
        .api(renewed)
        .get("/customer/conversation")
        .then()
        .statusCode(200)
        .body("conversation_id", equalTo(conversation))
        .body("assignee", nullValue());

    // The customer ends the chat: neither token renews any more.
    stack.api(renewed).post("/logout").then().statusCode(204);
    stack.api(renewed).post("/customer/token").then().statusCode(401);
    stack.api(token).post("/customer/token").then().statusCode(401);
  }
}
