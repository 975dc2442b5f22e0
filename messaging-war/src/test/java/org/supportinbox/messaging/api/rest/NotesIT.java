package org.supportinbox.messaging.api.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.supportinbox.messaging.api.rest.Api.asAiFunction;
import static org.supportinbox.messaging.api.rest.Api.asOperator;
import static org.supportinbox.messaging.api.rest.Api.asService;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Operators' notes ({@code internal: true}): stored and shown to operators, written by operators
 * only, never analysed, left out of the AI's context, published with {@code internal: true}.
 */
class NotesIT {

  private static String note(UUID conversation, String content, String key) {
    return asOperator("bob")
        .body(
            "{\"sender\":\"operator\",\"conversation_id\":\""
                + conversation
                + "\",\"content\":\""
                + content
                + "\",\"internal\":true"
                + (key == null ? "" : ",\"client_message_id\":\"" + key + "\"")
                + "}")
        .post("/messages")
        .then()
        .statusCode(201)
        .body("internal", equalTo(true))
        .body("sender_name", equalTo("bob"))
        .body("ai", nullValue())
        .extract()
        .path("id");
  }

  @Test
  void aNoteIsStoredForOperatorsAndPublishedAsInternal() {
    UUID conversation = Api.customerSays(null, "my parcel is late");
    String id = note(conversation, "VIP customer, refund without asking", null);
    asOperator("ann")
        .get("/conversations/" + conversation)
        .then()
        .statusCode(200)
        .body("messages.size()", equalTo(2))
        .body("messages[0].internal", equalTo(false))
        .body("messages[1].internal", equalTo(true))
        .body("messages[1].content", equalTo("VIP customer, refund without asking"));
    assertEquals(
        "true",
        Api.query(
            "select payload->>'internal' from outbox where event_type = 'message.created'"
                + " and payload->>'message_id' = '"
                + id
                + "'"));
    assertEquals(
        "0", Api.query("select count(*) from ai_insights where message_id = '" + id + "'"));
  }

  @Test
  void aNotesEventNamesTheOperatorsItMentions() {
    UUID conversation = Api.customerSays(null, "help");
    String id = note(conversation, "@Carol can you check? cc @dan.", null);
    assertEquals(
        "[\"carol\", \"dan\"]",
        Api.query(
            "select payload->>'mentions' from outbox where event_type = 'message.created'"
                + " and payload->>'message_id' = '"
                + id
                + "'"));
  }

  @Test
  void onlyOperatorsWriteNotes() {
    UUID conversation = Api.customerSays(null, "hello");
    asService()
        .body(
            "{\"sender\":\"customer\",\"conversation_id\":\""
                + conversation
                + "\",\"content\":\"I am a note\",\"internal\":true}")
        .post("/messages")
        .then()
        .statusCode(400)
        .body("field", equalTo("internal"));
    asService().get("/conversations/" + conversation).then().body("messages.size()", equalTo(1));
  }

  @Test
  void notesAreNeitherAnalysedNorInTheAisContext() {
    UUID conversation = Api.customerSays(null, "first question");
    String id = note(conversation, "internal: customer is on the legacy plan", null);
    UUID later = Api.customerSays(conversation, "second question");
    String lastId =
        asService().get("/conversations/" + later).then().extract().path("messages[2].id");
    asAiFunction()
        .get("/messages/" + lastId + "/context")
        .then()
        .statusCode(200)
        .body("previous.content", not(hasItem("internal: customer is on the legacy plan")))
        .body("previous.content", hasItem("first question"));
    asOperator("bob")
        .post("/messages/" + id + "/reanalyze")
        .then()
        .statusCode(400)
        .body("field", equalTo("id"));
    asAiFunction()
        .body(
            "{\"message_id\":\""
                + id
                + "\",\"conversation_id\":\""
                + conversation
                + "\",\"status\":\"available\",\"intent\":\"other\",\"summary\":\"s\","
                + "\"suggested_reply\":\"r\",\"sentiment\":\"neutral\",\"urgency\":\"low\","
                + "\"model\":\"m\",\"attempts\":1,\"latency_ms\":1}")
        .post("/ai-insights")
        .then()
        .statusCode(400)
        .body("field", equalTo("message_id"));
  }

  @Test
  void aNotesKeyCannotBeReplayedAsAnotherKindOfMessage() {
    UUID conversation = Api.customerSays(null, "hi");
    String key = UUID.randomUUID().toString();
    note(conversation, "note with a key", key);
    asOperator("bob")
        .body(
            "{\"sender\":\"operator\",\"conversation_id\":\""
                + conversation
                + "\",\"content\":\"note with a key\",\"client_message_id\":\""
                + key
                + "\"}")
        .post("/messages")
        .then()
        .statusCode(400)
        .body("field", equalTo("client_message_id"));
    asService()
        .body(
            "{\"sender\":\"customer\",\"conversation_id\":\""
                + conversation
                + "\",\"content\":\"x\",\"client_message_id\":\""
                + key
                + "\"}")
        .post("/messages")
        .then()
        .statusCode(400)
        .body("field", equalTo("client_message_id"));
  }
}
