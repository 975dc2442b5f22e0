package org.supportinbox.chaos;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.supportinbox.contracts.events.EventTopology;

/**
 * The checker's own record of every {@code ai.completed}: a durable quorum queue on the private
 * node (it survives the RabbitMQ restart), bound before the first message is sent, consumed with
 * manual acks. For each message it keeps the distinct results published (status and summary); the
 * Ollama double numbers every analysis, so a message stored twice with two analyses shows two.
 */
final class AiCompletedLedger implements AutoCloseable {

  static final String QUEUE = "chaos.ledger.ai-completed";

  private final Connection connection;
  private final Map<String, Set<String>> resultsByMessage = new HashMap<>();
  private final Map<String, Integer> eventsByMessage = new HashMap<>();
  private int events;

  AiCompletedLedger(PrivateRabbit rabbit) throws IOException, TimeoutException {
    // Automatic recovery (the client's default) brings the consumer back after start_app.
    this(rabbit.connectionFactory().newConnection("chaos-ledger"));
  }

  /** On {@code connection} (a cluster's: recovery goes to another node when its node dies). */
  AiCompletedLedger(Connection connection) throws IOException {
    this.connection = connection;
    Channel channel = connection.createChannel();
    channel.exchangeDeclare(
        EventTopology.DEFAULT_EXCHANGE,
        "topic",
        true,
        false,
        EventTopology.exchangeArguments(EventTopology.DEFAULT_EXCHANGE));
    channel.queueDeclare(QUEUE, true, false, false, Map.of("x-queue-type", "quorum"));
    channel.queueBind(QUEUE, EventTopology.DEFAULT_EXCHANGE, "ai.completed");
    channel.basicQos(200);
    channel.basicConsume(
        QUEUE,
        false,
        new DefaultConsumer(channel) {
          @Override
          public void handleDelivery(
              String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
              throws IOException {
            record(new String(body, StandardCharsets.UTF_8));
            channel.basicAck(envelope.getDeliveryTag(), false);
          }
        });
  }

  private synchronized void record(String body) {
    JsonObject e = Json.createReader(new StringReader(body)).readObject();
    String messageId = e.getString("message_id");
    JsonObject ai = e.getJsonObject("ai");
    String summary = ai == null ? "" : ai.getString("summary", "");
    String error = ai == null ? "" : ai.getString("error", "");
    resultsByMessage
        .computeIfAbsent(messageId, k -> new HashSet<>())
        .add(e.getString("status") + "|" + summary + "|" + error);
    eventsByMessage.merge(messageId, 1, Integer::sum);
    events++;
  }

  synchronized int events() {
    return events;
  }

  synchronized Map<String, Set<String>> resultsByMessage() {
    Map<String, Set<String>> copy = new HashMap<>();
    resultsByMessage.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
    return copy;
  }

  synchronized Map<String, Integer> eventsByMessage() {
    return Map.copyOf(eventsByMessage);
  }

  @Override
  public void close() {
    try {
      connection.close(5000);
    } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
      Log.say("ledger connection did not close cleanly: " + e);
    }
  }
}
