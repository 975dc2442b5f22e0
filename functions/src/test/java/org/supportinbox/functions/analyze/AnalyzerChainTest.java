package org.supportinbox.functions.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.Sentiment;
import org.supportinbox.contracts.Urgency;
import org.supportinbox.functions.analyze.Analysis.ModelRequest;
import org.supportinbox.functions.analyze.AnalyzerChain.Choice;
import org.supportinbox.functions.analyze.AnalyzerChain.Route;

/**
 * Where a message goes: the provider mode, the probe, and the LLM budget ({@code AI_LLM_MAX_WAIT});
 * and, in {@code auto}, the fallback to the embedded analyzer when Ollama fails or its output is
 * rejected. Analyzers and probe are doubles here; ProviderSelectionIT runs the real ones.
 */
class AnalyzerChainTest {

  private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Duration BUDGET = Duration.ofSeconds(120);
  private static final Analyzer.Message MESSAGE = Analyzer.Message.of("Ann", "Where is my order?");
  private static final Insight INSIGHT =
      new Insight(
          Intent.ORDER_STATUS,
          "Asks for the order.",
          "Checking.",
          Sentiment.NEUTRAL,
          Urgency.NORMAL);

  /** A probe that answers {@code usable}, counts how often it was asked and keeps failures. */
  private static final class Probe implements BooleanSupplier, AnalyzerChain.Probe {
    final boolean usable;
    final AtomicInteger asked = new AtomicInteger();
    final List<String> failures = new ArrayList<>();

    Probe(boolean usable) {
      this.usable = usable;
    }

    @Override
    public boolean getAsBoolean() {
      asked.incrementAndGet();
      return usable;
    }

    @Override
    public boolean usable() {
      return getAsBoolean();
    }

    @Override
    public void failed(String reason) {
      failures.add(reason);
    }
  }

  /** An analyzer that always answers {@code answer} and counts the messages it got. */
  private static final class Scripted implements Analyzer {
    final Analysis answer;
    final AtomicInteger asked = new AtomicInteger();

    Scripted(Analysis answer) {
      this.answer = answer;
    }

    @Override
    public String model() {
      return answer.model();
    }

    @Override
    public Analysis analyse(Message message) {
      asked.incrementAndGet();
      return answer;
    }
  }

  private static Scripted ollamaAccepting() {
    return new Scripted(
        new Analysis.Accepted(
            Analysis.Provider.OLLAMA,
            "phi3:mini",
            INSIGHT,
            900,
            List.of(new ModelRequest("ok", 900))));
  }

  private static Scripted embedded() {
    return new Scripted(
        new Analysis.Accepted(
            Analysis.Provider.EMBEDDED, "embedded:all-minilm-l6-v2-q", INSIGHT, 7, List.of()));
  }

  private static Choice auto(Duration waited, Probe probe) {
    return AnalyzerChain.chooseAuto(BUDGET, CLOCK, NOW.minus(waited), probe);
  }

  @Test
  void autoWithinTheBudgetFollowsTheProbe() {
    Probe up = new Probe(true);
    assertThat(auto(Duration.ofSeconds(3), up))
        .isEqualTo(new Choice(Route.OLLAMA, Duration.ofSeconds(3)));
    assertThat(auto(Duration.ZERO, new Probe(false)).route()).isEqualTo(Route.EMBEDDED_NOT_USABLE);
    // "Longer than": exactly the budget is still within it.
    assertThat(auto(BUDGET, up).route()).isEqualTo(Route.OLLAMA);
  }

  @Test
  void autoOverTheBudgetIsEmbeddedWithoutAskingOllama() {
    Probe up = new Probe(true);
    Choice choice = auto(BUDGET.plusMillis(1), up);
    assertThat(choice).isEqualTo(new Choice(Route.EMBEDDED_OVER_BUDGET, BUDGET.plusMillis(1)));
    assertThat(auto(Duration.ofHours(5), up).route()).isEqualTo(Route.EMBEDDED_OVER_BUDGET);
    // Not even the probe: an over-budget event costs no request to Ollama at all.
    assertThat(up.asked).hasValue(0);
    // The budget comes before the probe's verdict, whatever that is.
    assertThat(auto(Duration.ofMinutes(3), new Probe(false)).route())
        .isEqualTo(Route.EMBEDDED_OVER_BUDGET);

    Scripted ollama = ollamaAccepting();
    Scripted embedded = embedded();
    AnalyzerChain.Result result =
        AnalyzerChain.auto(ollama, up, embedded, BUDGET, CLOCK)
            .analyse(MESSAGE, NOW.minus(Duration.ofMinutes(3)));
    assertThat(result.choice().route()).isEqualTo(Route.EMBEDDED_OVER_BUDGET);
    assertThat(result.analysis()).isSameAs(embedded.answer);
    assertThat(ollama.asked).hasValue(0);
    assertThat(up.asked).hasValue(0);
    // Counted apart (ai_llm_budget_fallbacks_total), not as a fallback of the probe or a failure.
    assertThat(result.fallbackReason()).isEmpty();
  }

  @Test
  void theWaitIsMeasuredOnTheClockPassedIn() {
    Instant occurred = NOW.minusSeconds(100);
    Probe up = new Probe(true);
    assertThat(AnalyzerChain.chooseAuto(BUDGET, CLOCK, occurred, up).route())
        .isEqualTo(Route.OLLAMA);
    Clock later = Clock.offset(CLOCK, Duration.ofSeconds(21));
    assertThat(AnalyzerChain.chooseAuto(BUDGET, later, occurred, up))
        .isEqualTo(new Choice(Route.EMBEDDED_OVER_BUDGET, Duration.ofSeconds(121)));
  }

  @Test
  void zeroDisablesTheBudget() {
    Choice choice =
        AnalyzerChain.chooseAuto(Duration.ZERO, CLOCK, NOW.minus(Duration.ofDays(1)), () -> true);
    assertThat(choice).isEqualTo(new Choice(Route.OLLAMA, Duration.ofDays(1)));
  }

  @Test
  void ollamaModeWaitsItsTurnHoweverLong() {
    Scripted failing =
        new Scripted(
            new Analysis.Failed(
                Analysis.Provider.OLLAMA,
                "phi3:mini",
                "ollama_unreachable",
                "cannot connect",
                0,
                List.of(new ModelRequest("ollama_unreachable", 0))));
    AnalyzerChain.Result result =
        AnalyzerChain.ollama(failing, CLOCK).analyse(MESSAGE, NOW.minus(Duration.ofHours(2)));
    assertThat(result.choice()).isEqualTo(new Choice(Route.OLLAMA, Duration.ofHours(2)));
    // Queued, never embedded: the failure is the result, for the function to retry.
    assertThat(result.analyses()).containsExactly(failing.answer);
    assertThat(result.fallbackReason()).isEmpty();
    assertThat(failing.asked).hasValue(1);
  }

  @Test
  void embeddedModeIsAlwaysEmbedded() {
    Scripted embedded = embedded();
    AnalyzerChain chain = AnalyzerChain.embedded(embedded, CLOCK);
    assertThat(chain.analyse(MESSAGE, NOW).choice().route()).isEqualTo(Route.EMBEDDED);
    AnalyzerChain.Result late = chain.analyse(MESSAGE, NOW.minus(Duration.ofHours(2)));
    assertThat(late.choice().route()).isEqualTo(Route.EMBEDDED);
    assertThat(late.analysis()).isSameAs(embedded.answer);
    assertThat(embedded.asked).hasValue(2);
  }

  @Test
  void anEventWithoutATimeOrFromTheFutureHasNoWait() {
    Probe up = new Probe(true);
    assertThat(AnalyzerChain.chooseAuto(BUDGET, CLOCK, null, up))
        .isEqualTo(new Choice(Route.OLLAMA, Duration.ZERO));
    // The publisher's clock ahead of the replica's: no negative wait, and within the budget.
    assertThat(AnalyzerChain.chooseAuto(BUDGET, CLOCK, NOW.plusSeconds(30), up))
        .isEqualTo(new Choice(Route.OLLAMA, Duration.ZERO));
  }

  @Test
  void autoAsksOllamaWhenUsableAndTakesItsInsight() {
    Scripted ollama = ollamaAccepting();
    Scripted embedded = embedded();
    AnalyzerChain.Result result =
        AnalyzerChain.auto(ollama, new Probe(true), embedded, BUDGET, CLOCK)
            .analyse(MESSAGE, NOW.minusSeconds(1));
    assertThat(result.analyses()).containsExactly(ollama.answer);
    assertThat(result.latencyMs()).isEqualTo(900);
    assertThat(result.fallbackReason()).isEmpty();
    assertThat(embedded.asked).hasValue(0);
  }

  @Test
  void autoWithOllamaNotUsableIsEmbedded() {
    Scripted ollama = ollamaAccepting();
    AnalyzerChain.Result result =
        AnalyzerChain.auto(ollama, new Probe(false), embedded(), BUDGET, CLOCK)
            .analyse(MESSAGE, NOW);
    assertThat(result.choice().route()).isEqualTo(Route.EMBEDDED_NOT_USABLE);
    assertThat(result.analysis().provider()).isEqualTo(Analysis.Provider.EMBEDDED);
    assertThat(result.fallbackReason()).contains("not_usable");
    assertThat(ollama.asked).hasValue(0);
  }

  @Test
  void autoFallsBackAtOnceWhenTheOllamaCallFailsAndTellsTheProbe() {
    Scripted ollama =
        new Scripted(
            new Analysis.Failed(
                Analysis.Provider.OLLAMA,
                "phi3:mini",
                "ollama_error",
                "Ollama failed: 500",
                0,
                List.of(new ModelRequest("ollama_error", 0))));
    Scripted embedded = embedded();
    Probe probe = new Probe(true);
    AnalyzerChain.Result result =
        AnalyzerChain.auto(ollama, probe, embedded, BUDGET, CLOCK).analyse(MESSAGE, NOW);
    assertThat(result.analyses()).containsExactly(ollama.answer, embedded.answer);
    assertThat(result.analysis().provider()).isEqualTo(Analysis.Provider.EMBEDDED);
    assertThat(result.fallbackReason()).contains("ollama_error");
    // The probe skips Ollama for an interval: an outage costs one failed call, not one per message.
    assertThat(probe.failures).containsExactly("ollama_error: Ollama failed: 500");
    assertThat(result.latencyMs()).isEqualTo(7);
  }

  @Test
  void autoFallsBackWhenOllamasOutputIsRejectedTwiceAndCountsItsTime() {
    Scripted ollama =
        new Scripted(
            new Analysis.Rejected(
                Analysis.Provider.OLLAMA,
                "phi3:mini",
                "summary is missing",
                1_500,
                List.of(
                    new ModelRequest("invalid_output", 700),
                    new ModelRequest("invalid_output", 800))));
    Probe probe = new Probe(true);
    AnalyzerChain.Result result =
        AnalyzerChain.auto(ollama, probe, embedded(), BUDGET, CLOCK).analyse(MESSAGE, NOW);
    assertThat(result.analysis().provider()).isEqualTo(Analysis.Provider.EMBEDDED);
    assertThat(result.fallbackReason()).contains("invalid_output");
    // Ollama answered: it stays usable.
    assertThat(probe.failures).isEmpty();
    assertThat(result.latencyMs()).isEqualTo(1_507);
  }
}
