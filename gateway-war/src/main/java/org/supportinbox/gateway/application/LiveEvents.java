package org.supportinbox.gateway.application;

/**
 * Where the events the gateway receives go (the port; the socket hub of {@code api.websocket} is
 * the adapter): every browser that may see them, on this instance.
 */
public interface LiveEvents {

  /** An event, verified as its publisher's, by routing key (= event type) and body. */
  void publish(String type, String body);

  /** Tells every socket it may have missed events (the broker connection recovered, a backlog). */
  void resyncAll();
}
