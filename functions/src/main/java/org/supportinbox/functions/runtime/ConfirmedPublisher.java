package org.supportinbox.functions.runtime;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Publishes one message at a time on a channel of its own, persistent and {@code mandatory}, and
 * waits for the broker's confirm: when {@link #publish} returns, the broker has the message in a
 * queue. Shared by the consumer threads (a channel must not be used by two threads at once).
 */
public final class ConfirmedPublisher {

  private final Connection connection;
  private final Duration timeout;
  private Channel channel;
  private volatile String returned;

  public ConfirmedPublisher(Connection connection, Duration timeout) {
    this.connection = connection;
    this.timeout = timeout;
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
   * Publishes and waits for the confirm; {@link IOException} when the broker nacks it, returns it
   * as unroutable, or does not confirm in time.
   */
  public synchronized void publish(
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
