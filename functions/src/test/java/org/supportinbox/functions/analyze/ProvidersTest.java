package org.supportinbox.functions.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.supportinbox.functions.analyze.Providers.Choice;
import org.supportinbox.functions.analyze.Providers.Mode;
import org.supportinbox.functions.analyze.Providers.Route;

/**
 * Where a message goes: the provider mode, the probe, and the LLM budget ({@code AI_LLM_MAX_WAIT}).
 */
class ProvidersTest {

  private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Duration BUDGET = Duration.ofSeconds(120);

  /** A probe that answers {@code usable} and counts how often it was asked. */
  private static final class Probe implements BooleanSupplier {
    final boolean usable;
    final AtomicInteger asked = new AtomicInteger();

    Probe(boolean usable) {
      this.usable = usable;
    }

    @Override
    public boolean getAsBoolean() {
      asked.incrementAndGet();
      return usable;
    }
  }

  private static Choice auto(Duration waited, Probe probe) {
    return Providers.choose(Mode.AUTO, BUDGET, CLOCK, NOW.minus(waited), probe);
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
  }

  @Test
  void theWaitIsMeasuredOnTheClockPassedIn() {
    Instant occurred = NOW.minusSeconds(100);
    Probe up = new Probe(true);
    assertThat(Providers.choose(Mode.AUTO, BUDGET, CLOCK, occurred, up).route())
        .isEqualTo(Route.OLLAMA);
    Clock later = Clock.offset(CLOCK, Duration.ofSeconds(21));
    assertThat(Providers.choose(Mode.AUTO, BUDGET, later, occurred, up))
        .isEqualTo(new Choice(Route.EMBEDDED_OVER_BUDGET, Duration.ofSeconds(121)));
  }

  @Test
  void zeroDisablesTheBudget() {
    Choice choice =
        Providers.choose(
            Mode.AUTO, Duration.ZERO, CLOCK, NOW.minus(Duration.ofDays(1)), () -> true);
    assertThat(choice).isEqualTo(new Choice(Route.OLLAMA, Duration.ofDays(1)));
  }

  @Test
  void ollamaModeWaitsItsTurnHoweverLong() {
    Probe probe = new Probe(false);
    assertThat(Providers.choose(Mode.OLLAMA, BUDGET, CLOCK, NOW.minus(Duration.ofHours(2)), probe))
        .isEqualTo(new Choice(Route.OLLAMA, Duration.ofHours(2)));
    assertThat(probe.asked).hasValue(0);
  }

  @Test
  void embeddedModeIsAlwaysEmbedded() {
    assertThat(Providers.choose(Mode.EMBEDDED, BUDGET, CLOCK, NOW, () -> true).route())
        .isEqualTo(Route.EMBEDDED);
    assertThat(
            Providers.choose(Mode.EMBEDDED, BUDGET, CLOCK, NOW.minus(Duration.ofHours(2)), null)
                .route())
        .isEqualTo(Route.EMBEDDED);
  }

  @Test
  void anEventWithoutATimeOrFromTheFutureHasNoWait() {
    Probe up = new Probe(true);
    assertThat(Providers.choose(Mode.AUTO, BUDGET, CLOCK, null, up))
        .isEqualTo(new Choice(Route.OLLAMA, Duration.ZERO));
    // The publisher's clock ahead of the replica's: no negative wait, and within the budget.
    assertThat(Providers.choose(Mode.AUTO, BUDGET, CLOCK, NOW.plusSeconds(30), up))
        .isEqualTo(new Choice(Route.OLLAMA, Duration.ZERO));
  }
}
