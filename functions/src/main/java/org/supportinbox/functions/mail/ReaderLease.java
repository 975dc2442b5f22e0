package org.supportinbox.functions.mail;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.supportinbox.functions.runtime.FunctionConfig;

/**
 * The right to read the support mailbox, held by one replica at a time: an exclusive RabbitMQ queue
 * ({@value #QUEUE}) that only one connection can have. The broker refuses it to every other
 * connection (RESOURCE_LOCKED) and deletes it the moment its holder's connection ends (a stop, a
 * crash, a network loss past the heartbeat), after which the next replica that asks gets it.
 *
 * <p>Why the broker and not a PostgreSQL advisory lock: functions reach PostgreSQL only through
 * messaging's REST API, where a session lock has no session to live in (it would become a lease row
 * with an expiry to renew and to tune), while every function already holds a broker connection
 * whose end the broker notices by itself. Two readers overlapping for a heartbeat's time after a
 * network split would do no harm either: messaging stores a mail once per {@code Message-ID}.
 *
 * <p>The connection has no automatic recovery: a recovered connection would not hold the queue, so
 * a lost one means the lease is lost, and {@link #acquire()} starts over.
 */
final class ReaderLease implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ReaderLease.class.getName());

  /** The queue whose exclusive owner reads the mailbox. Nothing is ever published to it. */
  static final String QUEUE = "mail.reader.lease";

  private final ConnectionFactory factory;
  private final List<Address> addresses;
  private final String name;
  private volatile Connection connection;
  private volatile boolean held;

  ReaderLease(FunctionConfig broker, String name) {
    factory = new ConnectionFactory();
    factory.setVirtualHost(broker.rabbitVhost);
    factory.setUsername(broker.rabbitUser);
    factory.setPassword(broker.rabbitPassword);
    factory.setAutomaticRecoveryEnabled(false);
    factory.setRequestedHeartbeat(5);
    factory.setConnectionTimeout(5_000);
    this.addresses = broker.rabbitAddresses;
    this.name = name;
  }

  /** Whether this replica holds the lease now (asking the broker for it if not). */
  synchronized boolean acquire() throws IOException, TimeoutException {
    if (held()) {
      return true;
    }
    if (connection == null || !connection.isOpen()) {
      connection = factory.newConnection(addresses, name + "-mail-reader");
      connection.addShutdownListener(this::lost);
    }
    Channel channel = connection.createChannel();
    try {
      channel.queueDeclare(QUEUE, false, true, true, Map.of());
      held = true;
      LOG.info("holds the mailbox reader lease (" + QUEUE + "): this replica reads the mailbox");
      return true;
    } catch (IOException e) {
      if (e.getCause() instanceof ShutdownSignalException s
          && s.getReason() instanceof AMQP.Channel.Close close
          && close.getReplyCode() == AMQP.RESOURCE_LOCKED) {
        return false; // another replica holds it; the broker closed this channel
      }
      throw e;
    }
  }

  /** Held, on a connection that is still open. */
  boolean held() {
    Connection c = connection;
    return held && c != null && c.isOpen();
  }

  private void lost(ShutdownSignalException cause) {
    if (held) {
      LOG.warning("lost the mailbox reader lease: " + cause.getMessage());
    }
    held = false;
  }

  @Override
  public synchronized void close() {
    held = false;
    Connection c = connection;
    if (c != null && c.isOpen()) {
      try {
        c.close(2_000);
      } catch (IOException | RuntimeException e) {
        LOG.warning("closing the lease connection: " + e);
      }
    }
  }
}
