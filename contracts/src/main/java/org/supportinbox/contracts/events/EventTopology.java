package org.supportinbox.contracts.events;

import java.util.Map;

/**
 * Names and arguments of the broker objects every service agrees on. Declaring an exchange with
 * other arguments than an earlier declaration fails with PRECONDITION_FAILED, so all declarers use
 * these.
 */
public final class EventTopology {

  /** Default name of the topic exchange; services read it from {@code EVENT_EXCHANGE}. */
  public static final String DEFAULT_EXCHANGE = "inbox.events";

  private EventTopology() {}

  /**
   * The alternate exchange of {@code exchange}: whatever no queue is bound for lands in a durable
   * queue of the same name instead of being dropped, so an event published before its consumers
   * declared their queues can still be inspected and replayed.
   */
  public static String unroutedExchange(String exchange) {
    return exchange + ".unrouted";
  }

  /** Arguments of the topic exchange {@code exchange}. */
  public static Map<String, Object> exchangeArguments(String exchange) {
    return Map.of("alternate-exchange", unroutedExchange(exchange));
  }
}
