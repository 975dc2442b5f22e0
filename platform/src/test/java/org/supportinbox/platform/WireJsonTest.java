package org.supportinbox.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.events.MessageCreated;
import org.supportinbox.contracts.rest.AttachmentView;
import org.supportinbox.contracts.rest.MessageView;

class WireJsonTest {

  private static JsonObject parse(String json) {
    return Json.createReader(new StringReader(json)).readObject();
  }

  @Test
  void messageCreatedIsFlatSnakeCaseJson() {
    UUID conversation = UUID.randomUUID();
    UUID message = UUID.randomUUID();
    Instant created = Instant.parse("2026-11-25T10:15:30.123456Z");
    MessageCreated event =
        new MessageView(
                message,
                conversation,
                "customer",
                "Ann",
                "Hi <b>there</b>",
                null,
                false,
                created,
                null,
                null,
                List.of(
                    new AttachmentView(
                        UUID.fromString("00000000-0000-4000-8000-000000000001"),
                        "invoice.pdf",
                        "application/pdf",
                        1234)))
            .created(null);

    JsonObject json = parse(WireJson.JSONB.toJson(event));

    assertEquals(
        Set.of(
            "event_id",
            "event_type",
            "occurred_at",
            "schema_version",
            "conversation_id",
            "message_id",
            "sender",
            "sender_name",
            "content",
            "client_message_id",
            "internal",
            "mentions",
            "created_at",
            "attachments",
            "ai_context"),
        json.keySet());
    assertEquals("message.created", json.getString("event_type"));
    assertEquals(6, json.getInt("schema_version"));
    assertEquals(JsonValue.NULL, json.get("ai_context"), "written out when null");
    JsonObject attachment = json.getJsonArray("attachments").getJsonObject(0);
    assertEquals(
        Set.of("id", "filename", "content_type", "size"),
        attachment.keySet(),
        "metadata only, never the bytes");
    assertEquals("application/pdf", attachment.getString("content_type"));
    assertEquals(JsonValue.FALSE, json.get("internal"));
    assertEquals(0, json.getJsonArray("mentions").size(), "a customer's message mentions no one");
    assertEquals(JsonValue.NULL, json.get("client_message_id"), "written out when null");
    assertEquals(conversation.toString(), json.getString("conversation_id"));
    assertEquals(message.toString(), json.getString("message_id"));
    assertEquals("Hi <b>there</b>", json.getString("content"));
    assertEquals("2026-11-25T10:15:30.123456Z", json.getString("created_at"));
    assertEquals(
        event, WireJson.JSONB.fromJson(WireJson.JSONB.toJson(event), MessageCreated.class));
  }

  @Test
  void nullFieldsAreWrittenOut() {
    MessageView view =
        new MessageView(
            UUID.randomUUID(),
            UUID.randomUUID(),
            "operator",
            "Bo",
            "ok",
            null,
            false,
            Instant.now(),
            null,
            null,
            List.of());
    JsonObject json = parse(WireJson.JSONB.toJson(view));
    assertEquals(true, json.isNull("ai"));
    assertEquals(true, json.isNull("client_message_id"));
  }
}
