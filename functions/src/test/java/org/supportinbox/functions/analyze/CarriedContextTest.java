package org.supportinbox.functions.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.events.AiRequested;
import org.supportinbox.contracts.events.MessageCreated;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.functions.runtime.EventFunction.Delivery;
import org.supportinbox.functions.runtime.Json;

/**
 * When the analyze function reads a message's context from its {@code message.created} (no {@code
 * GET /messages/{id}/context}) and when it asks messaging: the event as messaging writes it, read
 * through {@link AnalysisRequest#read}.
 */
class CarriedContextTest {

  private static final UUID CONVERSATION = UUID.randomUUID();
  private static final UUID MESSAGE = UUID.randomUUID();

  private static final MessageCreated.AiContext CONTEXT =
      new MessageCreated.AiContext(
          MessageCreated.AiContext.MAX_MESSAGES,
          List.of(
              new MessageCreated.AiContext.Message("customer", "Ada", "My parcel is late"),
              new MessageCreated.AiContext.Message("operator", "bob", "Which order number?"),
              new MessageCreated.AiContext.Message("customer", "Ada", "It is #4411")),
          "Asked: My parcel is late · Now: order number given");

  private static byte[] created(MessageCreated.AiContext context) throws Exception {
    MessageCreated event =
        new MessageView(
                MESSAGE,
                CONVERSATION,
                "customer",
                "Ada",
                "Any news?",
                null,
                false,
                Instant.now(),
                null,
                null,
                List.of())
            .created(context);
    return Json.MAPPER.writeValueAsBytes(event);
  }

  private static Delivery first(byte[] body) {
    return new Delivery(MessageCreated.TYPE, null, body, 1, false, false);
  }

  private static java.util.Optional<AnalyzeFunction.Carried> carried(
      Delivery delivery, int contextMessages) {
    return AnalyzeFunction.carried(
        AnalysisRequest.read(delivery.body()), delivery, contextMessages);
  }

  @Test
  void aFirstDeliveryWithContextIsAnalysedFromTheEvent() throws Exception {
    AnalyzeFunction.Carried c = carried(first(created(CONTEXT)), 6).orElseThrow();

    assertThat(c.message().id()).isEqualTo(MESSAGE);
    assertThat(c.message().conversationId()).isEqualTo(CONVERSATION);
    assertThat(c.message().senderName()).isEqualTo("Ada");
    assertThat(c.message().content()).isEqualTo("Any news?");
    assertThat(c.message().ai()).as("no stored insight is claimed").isNull();
    assertThat(c.previous())
        .containsExactly(
            new ContextMessage("customer", "Ada", "My parcel is late"),
            new ContextMessage("operator", "bob", "Which order number?"),
            new ContextMessage("customer", "Ada", "It is #4411"));
    assertThat(c.summary()).isEqualTo(CONTEXT.conversationSummary());
  }

  @Test
  void aSmallerContextSizeTakesTheLatestMessagesAsTheGetWould() throws Exception {
    AnalyzeFunction.Carried c = carried(first(created(CONTEXT)), 2).orElseThrow();
    assertThat(c.previous())
        .containsExactly(
            new ContextMessage("operator", "bob", "Which order number?"),
            new ContextMessage("customer", "Ada", "It is #4411"));
    assertThat(carried(first(created(CONTEXT)), 0).orElseThrow().previous()).isEmpty();
  }

  @Test
  void anEventWithoutContextIsReadFromMessaging() throws Exception {
    assertThat(carried(first(created(null)), 6)).isEmpty();
    // An event of schema version 5, written before the field existed.
    ObjectNode older = (ObjectNode) Json.MAPPER.readTree(created(CONTEXT));
    older.remove("ai_context");
    older.put("schema_version", 5);
    assertThat(carried(first(Json.MAPPER.writeValueAsBytes(older)), 6)).isEmpty();
  }

  @Test
  void retriesAndRedeliveriesAreReadFromMessagingWhichKnowsWhetherTheWorkIsDone() throws Exception {
    byte[] body = created(CONTEXT);
    assertThat(carried(new Delivery(MessageCreated.TYPE, null, body, 2, false, false), 6))
        .as("a retry through the retry queues")
        .isEmpty();
    assertThat(carried(new Delivery(MessageCreated.TYPE, null, body, 1, false, true), 6))
        .as("redelivered by the broker")
        .isEmpty();
  }

  @Test
  void aWiderContextThanTheEventsWindowIsReadFromMessaging() throws Exception {
    assertThat(carried(first(created(CONTEXT)), MessageCreated.AiContext.MAX_MESSAGES + 1))
        .isEmpty();
  }

  @Test
  void anExplicitRequestIsAlwaysReadFromMessaging() throws Exception {
    AiRequested requested =
        AiRequested.of(CONVERSATION, MESSAGE, "customer", "Ada", "Any news?", Instant.now(), "bob");
    byte[] body = Json.MAPPER.writeValueAsBytes(requested);
    assertThat(carried(new Delivery(AiRequested.TYPE, null, body, 1, false, false), 6)).isEmpty();
  }
}
