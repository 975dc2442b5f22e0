package org.supportinbox.functions.runtime;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.supportinbox.auth.EventSignature;

/**
 * Publishes one message at a time on a channel of its own, persistent and {@code mandatory}, and
 * waits for the broker's confirm: when a publish method returns, the broker has the message in a
 * queue. Shared by the consumer threads (a channel must not be used by two threads at once).
 *
 * <p>Two kinds of message leave a function: events ({@link #publishEvent}), which other services
 * consume and which are signed with the function's key, and copies of an incoming event for the
 * function's own retry and dead-letter queues ({@link #publishToQueue}), which are not.
 */
public final class ConfirmedPublisher {

  private final Connection connection;
  private final Duration timeout;
  private final EventSignature signature;
  private Channel channel;
  private volatile String returned;

  /**
   * @param signature the key events are signed with ({@code AI_FUNCTION_SECRET}'s)
   */
  public ConfirmedPublisher(Connection connection, Duration timeout, EventSignature signature) {
    this.connection = connection;
    this.timeout = timeout;
    this.signature = signature;
  }

  /**
   * The channel, opened again when a nack or timeout closed it ({@code waitForConfirmsOrDie} does;
   * automatic recovery only reopens channels a lost connection closed).
   */
  private Channel channel() throws IOException {
    if (channel == null || !channel.isOpen()) {
      channel = connection.createChannel();
      channel.confirmSelect();
      channel.addReturnListener(
          r -> returned = r.getReplyCode() + " " + r.getReplyText() + " to " + r.getRoutingKey());
    }
    return channel;
  }

  /**
   * Publishes an event for other services, with the header {@link EventSignature#HEADER}: the
   * signature of {@code routingKey} and exactly these {@code body} bytes, so that a consumer (the
   * gateway) can tell it from an event somebody else put on the broker. Waits for the confirm, as
   * {@link #publishToQueue}.
   */
  public void publishEvent(
      String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body)
      throws IOException {
    Map<String, Object> headers =
        properties.getHeaders() == null ? new HashMap<>() : new HashMap<>(properties.getHeaders());
    headers.put(EventSignature.HEADER, signature.sign(routingKey, body));
    publish(exchange, routingKey, properties.builder().headers(headers).build(), body);
  }

  /**
   * Publishes a copy of an incoming event to one of the function's own queues (a retry or the
   * dead-letter queue) through the default exchange. Not signed by the function: the copy only ever
   * reaches queues this function owns and consumes itself (a retry queue dead-letters back to its
   * work queue), never the event exchange other services read, and the function does not check
   * signatures on what it consumes. The copy keeps the original's headers, its publisher's
   * signature included, which still belongs to the original routing key and body.
   */
  public void publishToQueue(String queue, AMQP.BasicProperties properties, byte[] body)
      throws IOException {
    publish("", queue, properties, body);
  }

  /**
   * Publishes and waits for the confirm; {@link IOException} when the broker nacks it, returns it
   * as unroutable, or does not confirm in time.
   */
  private synchronized void publish(
      String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body)
      throws IOException {
    returned = null;
    AMQP.BasicProperties persistent = properties.builder().deliveryMode(2).build();
    Channel channel = channel();
    channel.basicPublish(exchange, routingKey, true, persistent, body);
    try {
      // A basic.return comes before the basic.ack of the same message.
      channel.waitForConfirmsOrDie(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the confirm", e);
    } catch (TimeoutException e) {
      throw new IOException("no publisher confirm within " + timeout.toMillis() + " ms", e);
    }
    String r = returned;
    if (r != null) {
      throw new IOException("broker returned the message as unroutable: " + r);
    }
  }
}
