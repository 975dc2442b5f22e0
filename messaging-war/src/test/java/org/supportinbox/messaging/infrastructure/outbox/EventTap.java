package org.supportinbox.messaging.infrastructure.outbox;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.supportinbox.contracts.events.EventTopology;

/**
 * A consumer's view of the exchange: an exclusive queue bound to every event messaging publishes
 * ({@code message.created}, {@code ai.requested}, {@code conversation.updated}, {@code
 * article.changed}) that records every delivery, in arrival order.
 */
final class EventTap implements AutoCloseable {

  record Delivery(String routingKey, AMQP.BasicProperties properties, JsonObject body) {}

  private final Connection connection;
  final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

  EventTap(ConnectionFactory factory, String exchange) throws Exception {
    connection = factory.newConnection("event-tap");
    Channel ch = connection.createChannel();
    // Same arguments as every other declarer (see EventTopology), so this is a no-op if it exists.
    ch.exchangeDeclare(
        exchange,
        BuiltinExchangeType.TOPIC,
        true,
        false,
        EventTopology.exchangeArguments(exchange));
    String queue = ch.queueDeclare("", false, true, true, Map.of()).getQueue();
    ch.queueBind(queue, exchange, "message.created");
    ch.queueBind(queue, exchange, "ai.requested");
    ch.queueBind(queue, exchange, "conversation.updated");
    ch.queueBind(queue, exchange, "article.changed");
    ch.basicConsume(
        queue,
        true,
        (tag, d) ->
            deliveries.add(
                new Delivery(
                    d.getEnvelope().getRoutingKey(),
                    d.getProperties(),
                    Json.createReader(
                            new StringReader(new String(d.getBody(), StandardCharsets.UTF_8)))
                        .readObject())),
        tag -> {});
  }

  /** message ids of the {@code message.created} deliveries so far, in arrival order. */
  List<String> messageIds() {
    return deliveries.stream()
        .filter(d -> d.routingKey().equals("message.created"))
        .map(d -> d.body().getString("message_id"))
        .toList();
  }

  @Override
  public void close() throws Exception {
    connection.close();
  }
}
