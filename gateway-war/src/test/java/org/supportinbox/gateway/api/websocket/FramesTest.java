package org.supportinbox.gateway.api.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.rest.CustomerMessageView;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.platform.WireJson;

/** What a customer's frames carry: the fields of CustomerMessageView, never an insight. */
class FramesTest {

  /** The wire names of CustomerMessageView, from a serialised instance. */
  private static final Set<String> CUSTOMER_FIELDS =
      WireJson.object(
              WireJson.JSONB.toJson(
                  new CustomerMessageView(null, null, null, null, null, null, null, null)))
          .keySet();

  @Test
  void theViewHasNoInsight() {
    assertEquals(
        Set.of(
            "id",
            "conversation_id",
            "sender",
            "sender_name",
            "content",
            "client_message_id",
            "created_at",
            "attachments"),
        CUSTOMER_FIELDS);
  }

  @Test
  void aMessageCreatedEventReachesACustomerAsItsView() {
    String event =
        "{\"event_id\":\"5c0f8f44-8d53-4f3e-9b9f-7f6f2b8f7a11\",\"event_type\":\"message.created\","
            + "\"occurred_at\":\"2026-12-06T10:00:00Z\",\"schema_version\":1,"
            + "\"conversation_id\":\"0b7c1d86-4a70-4a0e-8d1e-2f3c4b5a6978\","
            + "\"message_id\":\"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\",\"sender\":\"operator\","
            + "\"sender_name\":\"Ann\",\"content\":\"On it\",\"created_at\":\"2026-12-06T10:00:00Z\","
            + "\"a_future_field\":\"internal\"}";
    JsonObject frame = WireJson.object(Frames.forCustomer(event).orElseThrow());
    assertEquals("message.created", frame.getString("type"));
    JsonObject data = frame.getJsonObject("data");
    assertEquals(CUSTOMER_FIELDS, data.keySet());
    assertEquals("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", data.getString("id"));
    assertFalse(frame.toString().contains("internal"));
  }

  @Test
  void operatorsGetTheEventLessItsAiContext() {
    String event =
        "{\"event_id\":\"5c0f8f44-8d53-4f3e-9b9f-7f6f2b8f7a11\",\"event_type\":\"message.created\","
            + "\"schema_version\":6,\"sender\":\"customer\",\"content\":\"Any news?\","
            + "\"client_message_id\":null,\"a_future_field\":1,\"ai_context\":{\"window\":6,"
            + "\"previous\":[{\"sender\":\"customer\",\"sender_name\":null,"
            + "\"content\":\"My parcel\"}],\"conversation_summary\":\"Asked: parcel\"}}";
    JsonObject published = WireJson.object(event);
    JsonObject data =
        WireJson.object(
                Frames.event(
                    "message.created", SocketHub.forOperators("message.created", published)))
            .getJsonObject("data");
    assertEquals(
        Set.of(
            "event_id",
            "event_type",
            "schema_version",
            "sender",
            "content",
            "client_message_id",
            "a_future_field"),
        data.keySet());
    assertTrue(data.isNull("client_message_id"), "a null stays written out");
    assertEquals(1, data.getInt("a_future_field"));
    // Any other event, and an event without the field, go as published.
    assertEquals(published, SocketHub.forOperators("ai.completed", published));
    JsonObject older = WireJson.object(event.replaceAll(",\"ai_context\":.*}}$", "}"));
    assertEquals(older, SocketHub.forOperators("message.created", older));
  }

  @Test
  void anOperatorsNoteMakesNoCustomerFrame() {
    String note =
        "{\"event_id\":\"5c0f8f44-8d53-4f3e-9b9f-7f6f2b8f7a11\",\"event_type\":\"message.created\","
            + "\"occurred_at\":\"2026-12-06T10:00:00Z\",\"schema_version\":3,"
            + "\"conversation_id\":\"0b7c1d86-4a70-4a0e-8d1e-2f3c4b5a6978\","
            + "\"message_id\":\"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\",\"sender\":\"operator\","
            + "\"sender_name\":\"Ann\",\"content\":\"VIP, refund without asking\","
            + "\"client_message_id\":null,\"internal\":true,\"created_at\":\"2026-12-06T10:00:00Z\"}";
    assertTrue(Frames.forCustomer(note).isEmpty());
    assertTrue(
        Frames.forCustomer(note.replace("\"internal\":true", "\"internal\":false")).isPresent());
  }

  @Test
  void aCustomersAckCarriesItsViewWithoutTheInsight() {
    String stored =
        "{\"id\":\"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\","
            + "\"conversation_id\":\"0b7c1d86-4a70-4a0e-8d1e-2f3c4b5a6978\",\"sender\":\"customer\","
            + "\"sender_name\":\"Bo\",\"content\":\"Where is it?\",\"client_message_id\":\"k1\","
            + "\"created_at\":\"2026-12-06T10:00:00Z\",\"ai\":{\"status\":\"available\","
            + "\"intent\":\"shipping\",\"summary\":\"Asks for the parcel.\",\"suggested_reply\":"
            + "\"Checking!\",\"sentiment\":\"neutral\",\"urgency\":\"low\",\"model\":\"phi3:mini\"}}";
    JsonObject frame =
        WireJson.object(
            Frames.customerAck(
                CustomerMessageView.of(WireJson.JSONB.fromJson(stored, MessageView.class)), "k1"));
    assertEquals("ack", frame.getString("type"));
    JsonObject data = frame.getJsonObject("data");
    assertEquals(Set.of("message", "client_message_id"), data.keySet());
    assertEquals(CUSTOMER_FIELDS, data.getJsonObject("message").keySet());
    for (String secret : new String[] {"shipping", "Checking!", "phi3", "summary", "\"ai\""}) {
      assertFalse(frame.toString().contains(secret), secret);
    }
  }
}
