package org.supportinbox.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The fault schedule and the timeline of what was done when. The five faults run one after another
 * on their own thread, each at a fixed fraction of the sending window (later if the one before took
 * longer), each ending only when what it broke is back:
 *
 * <ol>
 *   <li>8%: SIGKILL one AI function replica, start a new one (until it is healthy);
 *   <li>18%: drop gateway 1's WebSocket connections (its proxy refuses upgrades) for {@code
 *       ws-drop} s;
 *   <li>30%: {@code rabbitmqctl stop_app} on the private node, {@code start_app} after {@code
 *       rabbit-down} s;
 *   <li>45%: the Ollama double unreachable (its port closed) for {@code ollama-outage} s;
 *   <li>70%: SIGKILL messaging, start it again on the same port and database (until ready).
 * </ol>
 */
final class Faults implements Runnable {

  /** One line of the timeline; times in ms since the load started. */
  record Event(long startMs, long endMs, String fault, String detail) {}

  private final ChaosStack stack;
  private final ChaosOptions options;
  private final long loadStartNanos;
  private final List<Event> timeline = new ArrayList<>();
  private volatile Throwable failure;
  private volatile long lastFaultEndNanos;

  Faults(ChaosStack stack, ChaosOptions options, long loadStartNanos) {
    this.stack = stack;
    this.options = options;
    this.loadStartNanos = loadStartNanos;
  }

  @Override
  public void run() {
    long window = options.windowMillis();
    try {
      at(window * 8 / 100, "SIGKILL an AI function replica", stack::killReplicaAndStartAnother);
      at(
          window * 18 / 100,
          "drop gateway 1's WebSocket connections",
          () -> {
            stack.wsProxies.get(0).webSocketsDown();
            Thread.sleep(options.wsDropSeconds() * 1000L);
            stack.wsProxies.get(0).webSocketsUp();
            return "webSocketsDown() for "
                + options.wsDropSeconds()
                + " s, "
                + stack.wsProxies.get(0).upgradesRefused()
                + " upgrades refused meanwhile";
          });
      at(
          window * 30 / 100,
          "restart RabbitMQ",
          () -> {
            stack.rabbit.stopApp();
            Thread.sleep(options.rabbitDownSeconds() * 1000L);
            stack.rabbit.startApp();
            return "rabbitmqctl stop_app, "
                + options.rabbitDownSeconds()
                + " s, start_app on "
                + stack.rabbit.node();
          });
      at(
          window * 45 / 100,
          "Ollama unreachable",
          () -> {
            stack.ollama.unreachable();
            Thread.sleep(options.ollamaOutageSeconds() * 1000L);
            stack.ollama.reachable();
            return "port closed for " + options.ollamaOutageSeconds() + " s";
          });
      at(window * 70 / 100, "SIGKILL and restart messaging", stack::killAndRestartMessaging);
    } catch (Throwable t) {
      // Reported by the run as a failed fault, never hidden: the checks then fail too.
      failure = t;
      Log.say("fault failed: " + t);
    }
  }

  private void at(long dueMs, String fault, Callable<String> action) throws Exception {
    long wait = dueMs - sinceStartMs();
    if (wait > 0) {
      Thread.sleep(wait);
    }
    long start = sinceStartMs();
    Log.say("fault: " + fault);
    String detail = action.call();
    lastFaultEndNanos = System.nanoTime();
    Event e = new Event(start, sinceStartMs(), fault, detail);
    synchronized (timeline) {
      timeline.add(e);
    }
    Log.say("fault done: " + fault + ": " + detail);
  }

  private long sinceStartMs() {
    return (System.nanoTime() - loadStartNanos) / 1_000_000;
  }

  List<Event> timeline() {
    synchronized (timeline) {
      return List.copyOf(timeline);
    }
  }

  Throwable failure() {
    return failure;
  }

  long lastFaultEndNanos() {
    return lastFaultEndNanos;
  }
}
