package org.supportinbox.functions.runtime;

import com.rabbitmq.client.AMQP;
import java.util.List;

/** A function the runtime feeds with events: the port between the runtime and what it runs. */
public interface EventFunction {

  /** Routing keys (event types) the function's queue is bound to. */
  List<String> routingKeys();

  /**
   * Handles one event. Runs on a consumer thread; the runtime acks after it returns, so whatever
   * must be durable is durable by then. Exceptions count as a {@link Outcome.Retry}.
   */
  Outcome handle(Delivery delivery, ConfirmedPublisher publisher);

  /**
   * One delivery of an event.
   *
   * @param attempt 1 for the first delivery, raised by each retry through the retry queues
   * @param last whether no retry is left: the function must end the event's story now if it can
   * @param redelivered the broker's redelivered flag: this copy was delivered before (to a consumer
   *     whose channel closed before it acked), so its work may be done already
   */
  record Delivery(
      String routingKey,
      AMQP.BasicProperties properties,
      byte[] body,
      int attempt,
      boolean last,
      boolean redelivered) {}

  /** How handling ended. */
  sealed interface Outcome {

    /** Handled; {@code result} labels the processed counter (e.g. available, skipped). */
    record Done(String result) implements Outcome {}

    /** A fault that may pass (a service down, a timeout): try again after the next delay. */
    record Retry(String reason, String detail) implements Outcome {}

    /** Can never succeed (unreadable event): straight to the dead-letter queue. */
    record Poison(String reason) implements Outcome {}
  }
}
