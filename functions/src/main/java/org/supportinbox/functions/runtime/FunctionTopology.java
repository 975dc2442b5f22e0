package org.supportinbox.functions.runtime;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.supportinbox.contracts.events.EventTopology;

/**
 * Every broker object a function uses, declared idempotently in this one place (re-declaring with
 * the same arguments is a no-op; the automatic recovery of amqp-client re-declares them after a
 * reconnect):
 *
 * <pre>
 *  EVENT_EXCHANGE (topic) --message.created, ai.requested--> AI_QUEUE (quorum)
 *  AI_QUEUE.retry.&lt;delay&gt; (quorum, x-message-ttl) --dead-letter--> AI_QUEUE
 *  AI_QUEUE.dead (quorum): events that can never succeed, kept for inspection and replay
 * </pre>
 *
 * A retry is a copy published to the retry queue of its attempt, which holds it for the delay and
 * dead-letters it back to the work queue. Retry queues are named by their delay, so changing {@code
 * AI_RETRY_DELAYS} declares new queues instead of clashing with the arguments of the old ones.
 */
public final class FunctionTopology {

  /**
   * Deliveries after which the broker itself dead-letters a message: only reached when processing
   * keeps killing the process (a crash loop), since handled failures are acked and re-published.
   */
  static final int DELIVERY_LIMIT = 20;

  private final String exchange;
  private final String queue;
  private final List<Duration> retryDelays;
  private final List<String> routingKeys;

  public FunctionTopology(
      String exchange, String queue, List<Duration> retryDelays, List<String> routingKeys) {
    this.exchange = exchange;
    this.queue = queue;
    this.retryDelays = List.copyOf(retryDelays);
    this.routingKeys = List.copyOf(routingKeys);
  }

  public String exchange() {
    return exchange;
  }

  public String workQueue() {
    return queue;
  }

  public String deadLetterQueue() {
    return queue + ".dead";
  }

  /** The retry queue for the {@code n}-th retry (0-based); past the last, the last one. */
  public String retryQueue(int n) {
    Duration delay = retryDelays.get(Math.min(n, retryDelays.size() - 1));
    return queue + ".retry." + delay.toMillis() + "ms";
  }

  public int retries() {
    return retryDelays.size();
  }

  public void declare(Channel channel) throws IOException {
    channel.exchangeDeclare(
        exchange,
        BuiltinExchangeType.TOPIC,
        true,
        false,
        new HashMap<>(EventTopology.exchangeArguments(exchange)));

    channel.queueDeclare(deadLetterQueue(), true, false, false, quorum());

    Map<String, Object> work = quorum();
    work.put("x-delivery-limit", DELIVERY_LIMIT);
    work.put("x-dead-letter-exchange", "");
    work.put("x-dead-letter-routing-key", deadLetterQueue());
    channel.queueDeclare(queue, true, false, false, work);
    for (String key : routingKeys) {
      channel.queueBind(queue, exchange, key);
    }

    List<String> declared = new ArrayList<>();
    for (int i = 0; i < retryDelays.size(); i++) {
      String name = retryQueue(i);
      if (declared.contains(name)) {
        continue;
      }
      Map<String, Object> retry = quorum();
      retry.put("x-message-ttl", retryDelays.get(i).toMillis());
      retry.put("x-dead-letter-exchange", "");
      retry.put("x-dead-letter-routing-key", queue);
      // Expired messages move to the work queue only once it has them (RabbitMQ 3.10+), which
      // requires reject-publish overflow; the default would drop them if the move failed.
      retry.put("x-dead-letter-strategy", "at-least-once");
      retry.put("x-overflow", "reject-publish");
      channel.queueDeclare(name, true, false, false, retry);
      declared.add(name);
    }
  }

  private static Map<String, Object> quorum() {
    Map<String, Object> args = new HashMap<>();
    args.put("x-queue-type", "quorum");
    return args;
  }
}
