package org.supportinbox.messaging.api.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.supportinbox.messaging.api.rest.Api.asOperator;
import static org.supportinbox.messaging.api.rest.Api.asService;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A returning customer: the other conversations with the same email, in any case. */
class RelatedConversationsIT {

  private static String start(String email, String content) {
    String body =
        "{\"sender\":\"customer\",\"sender_name\":\"Rita\","
            + (email == null ? "" : "\"customer_email\":\"" + email + "\",")
            + "\"content\":\""
            + content
            + "\"}";
    return asService()
        .body(body)
        .post("/messages")
        .then()
        .statusCode(201)
        .extract()
        .path("conversation_id");
  }

  @Test
  void theOtherConversationsOfTheSameEmailNewestFirst() {
    String domain = UUID.randomUUID().toString().substring(0, 8) + ".example";
    String first = start("rita@" + domain, "my first question");
    String second = start("Rita@" + domain.toUpperCase(), "a second one");
    String third = start("rita@" + domain, "and a third");
    String someoneElse = start("other@" + domain, "not Rita");
    asOperator("ann")
        .get("/conversations/" + third + "/related")
        .then()
        .statusCode(200)
        .body("items.conversation_id", contains(second, first))
        .body("items[0].last_message_preview", equalTo("a second one"))
        .body("next_cursor", nullValue());
    asService()
        .queryParam("limit", 1)
        .get("/conversations/" + first + "/related")
        .then()
        .statusCode(200)
        .body("items.conversation_id", contains(third));
    asService()
        .get("/conversations/" + someoneElse + "/related")
        .then()
        .statusCode(200)
        .body("items", empty());
  }

  @Test
  void withoutAnEmailThereIsNoHistoryAndBadRequestsAreRefused() {
    String anonymous = start(null, "no email given");
    asService()
        .get("/conversations/" + anonymous + "/related")
        .then()
        .statusCode(200)
        .body("items", empty());
    asService().get("/conversations/" + UUID.randomUUID() + "/related").then().statusCode(404);
    asService().get("/conversations/nope/related").then().statusCode(400);
    asService()
        .queryParam("limit", 21)
        .get("/conversations/" + anonymous + "/related")
        .then()
        .statusCode(400)
        .body("field", equalTo("limit"));
  }
}
