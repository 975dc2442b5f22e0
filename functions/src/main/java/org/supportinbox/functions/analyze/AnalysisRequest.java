package org.supportinbox.functions.analyze;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.Sender;
import org.supportinbox.contracts.WireEnum;
import org.supportinbox.contracts.events.AiRequested;
import org.supportinbox.contracts.events.MessageCreated;
import org.supportinbox.functions.runtime.Json;

/**
 * What the analyze function needs from an event that asks for an analysis: a {@link MessageCreated}
 * or an {@link AiRequested} (an operator's "Retry AI"), bound into its contracts record and then
 * validated.
 *
 * @param occurredAt the event's {@code occurred_at} (for an {@code ai.requested}, when the analysis
 *     was asked for), or null when the event has none
 * @param internal an operators' note ({@code message.created} since schema version 3), which is
 *     never analysed
 * @param senderName the message's sender name as the event carries it, may be null
 * @param content the message's text as the event carries it, may be null
 * @param aiContext the context a {@code message.created} carries (since schema version 6), null
 *     when it carries none and for an {@code ai.requested}
 */
public record AnalysisRequest(
    String eventType,
    UUID eventId,
    Instant occurredAt,
    UUID conversationId,
    UUID messageId,
    Sender sender,
    boolean internal,
    String senderName,
    String content,
    MessageCreated.AiContext aiContext) {

  /** The event types read here: the routing keys of the function's queue. */
  public static final List<String> EVENT_TYPES = List.of(MessageCreated.TYPE, AiRequested.TYPE);

  /**
   * The wire JSON of {@link Json}, strict where binding would otherwise guess: a string field takes
   * a JSON string only (no number or boolean turned into one), a timestamp is an RFC 3339 string
   * (no epoch number), an id a UUID in its canonical text form.
   */
  private static final ObjectMapper EVENTS = strict(Json.MAPPER.copy());

  /**
   * The request in an event's body. {@link IllegalArgumentException}, with the reason, for a body
   * that is not JSON, not an object, of another event type, lacks {@code event_id}, {@code
   * conversation_id}, {@code message_id} or {@code sender}, or has a field of the wrong type; such
   * an event can never be handled and goes to the dead-letter queue.
   */
  public static AnalysisRequest read(byte[] body) {
    JsonNode node;
    try {
      node = EVENTS.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON (" + e.getMessage() + ")");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    // The type decides which record the body is; the one field read before binding.
    JsonNode type = node.get("event_type");
    if (type == null || !type.isTextual()) {
      throw new IllegalArgumentException("event_type is missing or not a string");
    }
    switch (type.textValue()) {
      case MessageCreated.TYPE:
        MessageCreated created = bind(node, MessageCreated.class);
        return validated(
            created.eventType(),
            created.eventId(),
            created.occurredAt(),
            created.conversationId(),
            created.messageId(),
            created.sender(),
            created.internal(),
            created.senderName(),
            created.content(),
            created.aiContext());
      case AiRequested.TYPE:
        AiRequested requested = bind(node, AiRequested.class);
        return validated(
            requested.eventType(),
            requested.eventId(),
            requested.occurredAt(),
            requested.conversationId(),
            requested.messageId(),
            requested.sender(),
            false,
            requested.senderName(),
            requested.content(),
            null);
      default:
        throw new IllegalArgumentException(
            "event_type '" + type.textValue() + "' is not handled here");
    }
  }

  private static AnalysisRequest validated(
      String eventType,
      UUID eventId,
      Instant occurredAt,
      UUID conversationId,
      UUID messageId,
      String sender,
      boolean internal,
      String senderName,
      String content,
      MessageCreated.AiContext aiContext) {
    required(sender, "sender");
    required(eventId, "event_id");
    required(conversationId, "conversation_id");
    required(messageId, "message_id");
    return new AnalysisRequest(
        eventType,
        eventId,
        occurredAt,
        conversationId,
        messageId,
        WireEnum.parse(Sender.class, sender)
            .orElseThrow(() -> new IllegalArgumentException("unknown sender '" + sender + "'")),
        internal,
        senderName,
        content,
        aiContext);
  }

  private static void required(Object value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing or not a string");
    }
  }

  private static <T> T bind(JsonNode node, Class<T> type) {
    try {
      return EVENTS.treeToValue(node, type);
    } catch (MismatchedInputException e) {
      throw new IllegalArgumentException(reason(e), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e, e);
    }
  }

  /** The field a binding error is about, and what is wrong with it, as the reading used to say. */
  private static String reason(MismatchedInputException e) {
    List<JsonMappingException.Reference> path = e.getPath();
    String field = path.isEmpty() ? "?" : path.get(path.size() - 1).getFieldName();
    Class<?> target = e.getTargetType();
    if (e instanceof InvalidFormatException bad && bad.getValue() instanceof String text) {
      if (target == UUID.class) {
        return field + " is not a UUID: '" + text + "'";
      }
      if (target == Instant.class) {
        return field + " is not an RFC 3339 timestamp: '" + text + "'";
      }
    }
    if (target == String.class || target == UUID.class) {
      return field + " is missing or not a string";
    }
    if (target == Instant.class) {
      return field + " is not a string";
    }
    return field + " is not valid: " + e.getOriginalMessage();
  }

  private static ObjectMapper strict(ObjectMapper mapper) {
    for (CoercionInputShape shape :
        List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
    return mapper.registerModule(
        new SimpleModule("strict-events")
            .addDeserializer(Instant.class, new Rfc3339())
            .addDeserializer(UUID.class, new CanonicalUuid()));
  }

  /** An {@code occurred_at}: a JSON string with date, time and offset, as RFC 3339 has it. */
  private static final class Rfc3339 extends StdScalarDeserializer<Instant> {

    Rfc3339() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext context) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return (Instant) context.handleUnexpectedToken(Instant.class, p);
      }
      String text = p.getText();
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        return (Instant) context.handleWeirdStringValue(Instant.class, text, e.getMessage());
      }
    }
  }

  /** An id: a JSON string that {@link UUID#fromString} reads. */
  private static final class CanonicalUuid extends StdScalarDeserializer<UUID> {

    CanonicalUuid() {
      super(UUID.class);
    }

    @Override
    public UUID deserialize(JsonParser p, DeserializationContext context) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return (UUID) context.handleUnexpectedToken(UUID.class, p);
      }
      String text = p.getText();
      try {
        return UUID.fromString(text);
      } catch (IllegalArgumentException e) {
        return (UUID) context.handleWeirdStringValue(UUID.class, text, "not a UUID");
      }
    }
  }
}
