package org.supportinbox.functions.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.Sender;

/** Which events the analyze function can read, and the reasons it gives for the others. */
class EventReadingTest {

  private static AnalysisRequest read(String json) {
    return AnalysisRequest.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsMessageCreatedAndAiRequested() {
    UUID e = UUID.randomUUID();
    UUID c = UUID.randomUUID();
    UUID m = UUID.randomUUID();
    String body =
        "{\"event_id\":\"%s\",\"event_type\":\"%s\",\"occurred_at\":\"2026-11-02T09:15:30.123456Z\",\"conversation_id\":\"%s\",\"message_id\":\"%s\",\"sender\":\"customer\",\"future_field\":1}";
    assertThat(read(body.formatted(e, "message.created", c, m)))
        .isEqualTo(
            new AnalysisRequest(
                "message.created",
                e,
                Instant.parse("2026-11-02T09:15:30.123456Z"),
                c,
                m,
                Sender.CUSTOMER,
                false,
                null,
                null,
                null));
    assertThat(read(body.formatted(e, "ai.requested", c, m)).eventType()).isEqualTo("ai.requested");
    assertThat(
            read(body.replace("\"future_field\":1", "\"internal\":true")
                    .formatted(e, "message.created", c, m))
                .internal())
        .as("an operators' note (schema version 3)")
        .isTrue();
  }

  @Test
  void occurredAtIsOptionalButMustBeATimestamp() {
    String body =
        "{\"event_id\":\"%s\",\"event_type\":\"message.created\",%s\"conversation_id\":\"%s\",\"message_id\":\"%s\",\"sender\":\"customer\"}";
    UUID id = UUID.randomUUID();
    assertThat(read(body.formatted(id, "", id, id)).occurredAt()).isNull();
    assertThat(
            read(body.formatted(id, "\"occurred_at\":\"2026-11-02T10:15:30+01:00\",", id, id))
                .occurredAt())
        .isEqualTo(Instant.parse("2026-11-02T09:15:30Z"));
    assertThatThrownBy(() -> read(body.formatted(id, "\"occurred_at\":\"yesterday\",", id, id)))
        .hasMessage("occurred_at is not an RFC 3339 timestamp: 'yesterday'");
  }

  @Test
  void unreadableEventsSayWhy() {
    assertThatThrownBy(() -> read("{nope")).hasMessageStartingWith("not JSON");
    assertThatThrownBy(() -> read("[1]")).hasMessage("not a JSON object");
    assertThatThrownBy(() -> read("{\"event_type\":\"ai.completed\"}"))
        .hasMessage("event_type 'ai.completed' is not handled here");
    assertThatThrownBy(
            () ->
                read(
                    "{\"event_type\":\"message.created\",\"sender\":\"customer\",\"event_id\":\"x\"}"))
        .hasMessage("event_id is not a UUID: 'x'");
    assertThatThrownBy(() -> read("{\"event_type\":\"message.created\",\"sender\":3}"))
        .hasMessage("sender is missing or not a string");
  }

  @Test
  void theContractsRecordIsBoundThenValidated() {
    UUID id = UUID.randomUUID();
    assertThatThrownBy(
            () ->
                read(
                    "{\"event_type\":\"message.created\",\"event_id\":\"%s\",\"message_id\":\"%s\",\"sender\":\"customer\"}"
                        .formatted(id, id)))
        .hasMessage("conversation_id is missing or not a string");
    assertThatThrownBy(
            () ->
                read(
                    "{\"event_type\":\"ai.requested\",\"event_id\":\"%s\",\"conversation_id\":\"%s\",\"message_id\":\"%s\",\"sender\":\"robot\"}"
                        .formatted(id, id, id)))
        .hasMessage("unknown sender 'robot'");
    // No guessing: a number is neither a timestamp (epoch seconds) nor a text.
    assertThatThrownBy(
            () ->
                read(
                    "{\"event_type\":\"message.created\",\"occurred_at\":1700000000,\"sender\":\"customer\"}"))
        .hasMessage("occurred_at is not a string");
    assertThatThrownBy(() -> read("{\"event_type\":5}"))
        .hasMessage("event_type is missing or not a string");
  }
}
