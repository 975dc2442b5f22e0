package org.supportinbox.functions.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.supportinbox.auth.EventSignature;
import org.supportinbox.contracts.events.AiCompleted;
import org.supportinbox.contracts.events.MessageCreated;

/**
 * What leaves a function: events signed with its key ({@code AI_FUNCTION_SECRET}), copies for its
 * own queues unsigned. The broker is a stand-in channel that records each {@code basicPublish} and
 * confirms it.
 */
class ConfirmedPublisherTest {

  private static final String KEY = "the function's own key, 32 bytes or more";
  private static final String ROUTING_KEY = AiCompleted.TYPE;

  /** One {@code basicPublish} as the channel got it. */
  record Published(
      String exchange,
      String routingKey,
      boolean mandatory,
      AMQP.BasicProperties props,
      byte[] body) {}

  private final List<Published> published = new ArrayList<>();

  private ConfirmedPublisher publisher() {
    Channel channel =
        (Channel)
            Proxy.newProxyInstance(
                Channel.class.getClassLoader(),
                new Class<?>[] {Channel.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "isOpen" -> true;
                      case "basicPublish" -> {
                        published.add(
                            new Published(
                                (String) args[0],
                                (String) args[1],
                                (Boolean) args[2],
                                (AMQP.BasicProperties) args[3],
                                (byte[]) args[4]));
                        yield null;
                      }
                      // confirmSelect, addReturnListener, waitForConfirmsOrDie: all confirmed.
                      default -> null;
                    });
    Connection connection =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("createChannel") ? channel : null);
    return new ConfirmedPublisher(
        connection, Duration.ofSeconds(1), EventSignature.fromSecret(KEY));
  }

  private static AMQP.BasicProperties properties() {
    return new AMQP.BasicProperties.Builder()
        .contentType("application/json")
        .headers(Map.of("conversation_id", "c-1"))
        .build();
  }

  @Test
  void anEventCarriesTheSignatureOfItsRoutingKeyAndExactBody() throws Exception {
    byte[] body =
        "{\"event_type\":\"ai.completed\",\"status\":\"available\"}"
            .getBytes(StandardCharsets.UTF_8);
    publisher().publishEvent("inbox.events", ROUTING_KEY, properties(), body);

    assertThat(published).hasSize(1);
    Published p = published.get(0);
    assertThat(p.exchange()).isEqualTo("inbox.events");
    assertThat(p.routingKey()).isEqualTo(ROUTING_KEY);
    assertThat(p.mandatory()).isTrue();
    assertThat(p.props().getDeliveryMode()).isEqualTo(2);
    assertThat(p.body()).isEqualTo(body);
    Object signature = p.props().getHeaders().get(EventSignature.HEADER);
    assertThat(signature).isNotNull();
    // The other headers stay.
    assertThat(p.props().getHeaders()).containsEntry("conversation_id", "c-1");

    assertThat(EventSignature.fromSecret(KEY).verify(ROUTING_KEY, p.body(), signature)).isTrue();
    // Another key (JWT_SECRET, say) does not verify it, nor does another routing key or body.
    assertThat(
            EventSignature.fromSecret("another key of at least 32 bytes, e.g. JWT_SECRET")
                .verify(ROUTING_KEY, p.body(), signature))
        .isFalse();
    assertThat(EventSignature.fromSecret(KEY).verify(MessageCreated.TYPE, p.body(), signature))
        .isFalse();
    byte[] tampered = p.body().clone();
    tampered[tampered.length - 3] = 'X';
    assertThat(EventSignature.fromSecret(KEY).verify(ROUTING_KEY, tampered, signature)).isFalse();
  }

  @Test
  void aCopyForTheFunctionsOwnQueueIsNotSigned() throws Exception {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    publisher().publishToQueue("ai.analyze.retry.2000ms", properties(), body);

    assertThat(published).hasSize(1);
    Published p = published.get(0);
    assertThat(p.exchange()).isEmpty();
    assertThat(p.routingKey()).isEqualTo("ai.analyze.retry.2000ms");
    assertThat(p.props().getHeaders()).doesNotContainKey(EventSignature.HEADER);
  }
}
