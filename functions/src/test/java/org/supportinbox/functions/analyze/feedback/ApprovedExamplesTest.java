package org.supportinbox.functions.analyze.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.rest.AiExample;
import org.supportinbox.contracts.rest.AiExamplePage;
import org.supportinbox.functions.analyze.Analyzer;
import org.supportinbox.functions.analyze.embedded.EmbeddedAnalyzer;
import org.supportinbox.functions.analyze.embedded.LearnedExamplesAccess;

/**
 * The approved corrections reach a running embedded analyzer without a restart: {@link
 * ApprovedExamples} reads the feed after its cursor, page by page, and the analyzer classifies by
 * the approved examples from the next message on; a rejection takes one away again. Analyses
 * running while the examples are swapped see either the old ones or the new ones, never a failure.
 */
class ApprovedExamplesTest {

  /** Invented words: only the learned examples share anything with them. */
  private static final String MESSAGE = "Le zorbluxe quintaphone clignote toujours en vert fluo.";

  private static final List<String> TAUGHT =
      List.of(
          "Mon zorbluxe quintaphone clignote en vert.",
          "Le quintaphone zorbluxe clignote vert fluo depuis hier.",
          "Zorbluxe et quintaphone : ça clignote encore en vert fluo.");

  /** A feed served from a list, in pages of two, as messaging's would be. */
  static final class ListFeed implements ExampleFeed {
    final List<AiExample> decisions = new ArrayList<>();
    boolean down;
    int calls;

    void decide(UUID message, Intent intent, String text, String status) {
      decisions.removeIf(d -> d.messageId().equals(message) && d.intent().equals(intent.wire()));
      long seq = decisions.stream().mapToLong(AiExample::seq).max().orElse(0) + 1;
      decisions.add(
          new AiExample(seq, message, intent.wire(), text, "fr", status, "root", Instant.now()));
    }

    @Override
    public AiExamplePage after(long after) throws IOException {
      calls++;
      if (down) {
        throw new IOException("connection refused");
      }
      List<AiExample> page =
          decisions.stream()
              .filter(d -> d.seq() > after)
              .sorted((a, b) -> Long.compare(a.seq(), b.seq()))
              .toList();
      boolean more = page.size() > 2;
      page = page.subList(0, Math.min(2, page.size()));
      return new AiExamplePage(
          page, page.isEmpty() ? after : page.get(page.size() - 1).seq(), more);
    }
  }

  private static Intent intent(EmbeddedAnalyzer analyzer) {
    return analyzer
        .analyse(Analyzer.Message.of("Ana", MESSAGE).withLanguage("fr"))
        .insight()
        .intent();
  }

  @Test
  void approvedCorrectionsChangeTheNextAnalysisAndARejectionUndoesThem() {
    EmbeddedAnalyzer analyzer = LearnedExamplesAccess.freshAnalyzer();
    Intent first = intent(analyzer);
    assertThat(first).as("before any correction").isNotEqualTo(Intent.CANCELLATION);

    ListFeed feed = new ListFeed();
    ApprovedExamples examples = new ApprovedExamples(feed, analyzer::learn);
    assertThat(examples.poll()).as("an empty feed changes nothing").isEmpty();

    List<UUID> ids = new ArrayList<>();
    for (String text : TAUGHT) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      feed.decide(id, Intent.CANCELLATION, text, "approved");
    }
    // A rejected decision on another message is no example.
    feed.decide(UUID.randomUUID(), Intent.BILLING, "Zorbluxe quintaphone vert fluo", "rejected");

    assertThat(examples.poll()).contains(3);
    assertThat(examples.cursor()).isEqualTo(4);
    assertThat(analyzer.learnedCounts()).containsEntry("fr", 3);
    assertThat(intent(analyzer)).isEqualTo(Intent.CANCELLATION);
    assertThat(examples.poll()).as("nothing new").isEmpty();

    // The admin changes their mind on all three: rejected, the classifier is as it was.
    for (int i = 0; i < ids.size(); i++) {
      feed.decide(ids.get(i), Intent.CANCELLATION, TAUGHT.get(i), "rejected");
    }
    assertThat(examples.poll()).contains(0);
    assertThat(intent(analyzer)).isEqualTo(first);
  }

  @Test
  void aFeedThatCannotBeReadIsAskedAgainFromTheSameCursor() {
    EmbeddedAnalyzer analyzer = LearnedExamplesAccess.freshAnalyzer();
    ListFeed feed = new ListFeed();
    ApprovedExamples examples = new ApprovedExamples(feed, analyzer::learn);
    for (String text : TAUGHT) {
      feed.decide(UUID.randomUUID(), Intent.CANCELLATION, text, "approved");
    }
    feed.down = true;
    assertThat(examples.poll()).isEmpty();
    assertThat(examples.cursor()).isZero();
    feed.down = false;
    assertThat(examples.poll()).contains(3);
    assertThat(intent(analyzer)).isEqualTo(Intent.CANCELLATION);
  }

  /**
   * Four threads analyse while the examples are swapped 40 times: every analysis ends with the
   * intent of the old examples or of the new ones, none fails.
   */
  @Test
  void analysesRunningWhileTheExamplesChangeSeeOneSetOrTheOther() throws Exception {
    EmbeddedAnalyzer analyzer = LearnedExamplesAccess.freshAnalyzer();
    Intent without = intent(analyzer);
    List<org.supportinbox.functions.analyze.embedded.LearnedExamples.Example> taught =
        TAUGHT.stream()
            .map(
                t ->
                    new org.supportinbox.functions.analyze.embedded.LearnedExamples.Example(
                        t, Intent.CANCELLATION, "fr"))
            .toList();
    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<Object> seen = new ConcurrentLinkedQueue<>();
    CountDownLatch started = new CountDownLatch(4);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread t =
          new Thread(
              () -> {
                started.countDown();
                while (!done.get()) {
                  try {
                    seen.add(intent(analyzer));
                  } catch (RuntimeException e) {
                    seen.add(e);
                  }
                }
              });
      t.start();
      threads.add(t);
    }
    started.await();
    for (int i = 0; i < 40; i++) {
      analyzer.learn(i % 2 == 0 ? taught : List.of());
    }
    done.set(true);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(seen).isNotEmpty().allMatch(o -> o == without || o == Intent.CANCELLATION);
    assertThat(Optional.of(intent(analyzer))).contains(without);
  }
}
