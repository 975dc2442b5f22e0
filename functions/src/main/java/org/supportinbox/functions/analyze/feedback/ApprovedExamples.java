package org.supportinbox.functions.analyze.feedback;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.WireEnum;
import org.supportinbox.contracts.rest.AiExample;
import org.supportinbox.contracts.rest.AiExamplePage;
import org.supportinbox.functions.analyze.embedded.LearnedExamples;

/**
 * Keeps the embedded analyzer's learned examples equal to the admins' approved corrections: every
 * {@code AI_EXAMPLES_INTERVAL} it reads the decisions after its cursor ({@link ExampleFeed}), puts
 * the approved ones and drops the rejected ones from its map, and when anything changed hands the
 * whole map to the analyzer ({@code EmbeddedAnalyzer.learn}, which swaps its examples in one
 * write). No restart, no event: a replica started later reads the whole feed from position 0, so
 * every replica converges to the same examples within an interval.
 *
 * <p>One thread of its own (a daemon), so a poll never runs twice at once; analyses go on meanwhile
 * with the examples they have. A failed poll (messaging down, a bad token) is logged when the state
 * changes and retried at the next interval from the same cursor: nothing is lost.
 */
public final class ApprovedExamples {

  private static final Logger LOG = Logger.getLogger(ApprovedExamples.class.getName());

  /** Pages read in one poll at most, so a huge backlog cannot hold the thread for long. */
  static final int MAX_PAGES = 100;

  private final ExampleFeed feed;
  private final Consumer<List<LearnedExamples.Example>> learner;
  private final Map<String, LearnedExamples.Example> approved = new LinkedHashMap<>();
  private long cursor;
  private boolean failing;
  private ScheduledExecutorService timer;

  /**
   * @param learner given the complete list of approved examples after each change ({@code
   *     EmbeddedAnalyzer::learn})
   */
  public ApprovedExamples(ExampleFeed feed, Consumer<List<LearnedExamples.Example>> learner) {
    this.feed = feed;
    this.learner = learner;
  }

  /** Polls now and then every {@code interval}, on a daemon thread. */
  public synchronized void start(Duration interval) {
    if (timer != null) {
      throw new IllegalStateException("already started");
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "approved-examples");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::pollQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  private void pollQuietly() {
    try {
      poll();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: report it and keep polling.
      LOG.log(Level.WARNING, "approved examples: poll failed", e);
    }
  }

  /**
   * Reads the decisions after the cursor and applies them; the number of approved examples in use
   * when something changed, empty when nothing did or the feed could not be read.
   */
  public synchronized Optional<Integer> poll() {
    boolean changed = false;
    try {
      for (int page = 0; page < MAX_PAGES; page++) {
        AiExamplePage got = feed.after(cursor);
        for (AiExample e : got.examples()) {
          changed |= apply(e);
        }
        cursor = Math.max(cursor, got.cursor());
        if (!got.more()) {
          break;
        }
      }
      if (failing) {
        LOG.info("approved examples: the feed answers again");
        failing = false;
      }
    } catch (IOException e) {
      if (!failing) {
        LOG.warning(
            "approved examples: cannot read the feed (" + e.getMessage() + "); trying again");
        failing = true;
      }
    }
    // What was read before a failure is applied too: the cursor has moved past it.
    if (!changed) {
      return Optional.empty();
    }
    List<LearnedExamples.Example> all = List.copyOf(approved.values());
    learner.accept(all);
    LOG.info("approved examples: " + all.size() + " in use, feed position " + cursor);
    return Optional.of(all.size());
  }

  /** The feed position read up to. */
  public synchronized long cursor() {
    return cursor;
  }

  private boolean apply(AiExample e) {
    String key = key(e.messageId(), e.intent());
    Optional<Intent> intent = WireEnum.parse(Intent.class, e.intent());
    if ("approved".equals(e.status()) && intent.isPresent() && e.text() != null) {
      LearnedExamples.Example example =
          new LearnedExamples.Example(e.text(), intent.get(), e.language());
      return !example.equals(approved.put(key, example));
    }
    if ("approved".equals(e.status())) {
      // A newer messaging's intent this replica does not know: skipped, said once per example.
      LOG.warning("approved examples: skipped " + key + " (unknown intent or no text)");
    }
    return approved.remove(key) != null;
  }

  private static String key(UUID messageId, String intent) {
    return messageId + "/" + intent;
  }
}
