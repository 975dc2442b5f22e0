package org.supportinbox.functions.analyze;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.supportinbox.functions.runtime.FunctionConfig;

/**
 * Which provider analyses a message ({@code AI_PROVIDER}): {@code ollama} always asks Ollama
 * (retries, then {@code unavailable}, as before the embedded provider existed); {@code embedded}
 * never does; {@code auto} asks Ollama when {@link OllamaProbe} says it answers and has the model
 * and the event is within the LLM's budget ({@code AI_LLM_MAX_WAIT}), and the embedded provider
 * otherwise, or when the Ollama call fails, or when its output is rejected after the repair. So in
 * {@code auto} every analysed message ends {@code available}.
 *
 * <p>The budget: the work queue, shared by every replica, is the one global queue of analyses, so
 * how long an event has waited in it ({@code occurred_at} to now) says how far the LLM is behind,
 * for the whole system, with no coordination between replicas. An event that waited longer than
 * {@code AI_LLM_MAX_WAIT} is analysed by the embedded provider in milliseconds, without asking
 * Ollama: a backlog (a flood from one address, a slow model) drains at the embedded provider's
 * speed instead of growing the LLM's work without bound, and no event is dropped. With {@code
 * ollama} an event waits its turn whatever its age: queued, never embedded.
 */
final class Providers {

  /** Where one message goes. */
  enum Route {
    /** Ollama: mode {@code ollama}, or {@code auto} with Ollama usable and the event in budget. */
    OLLAMA,
    /** The embedded provider, mode {@code embedded}. */
    EMBEDDED,
    /** {@code auto}: the embedded provider, since the probe says Ollama cannot be used. */
    EMBEDDED_NOT_USABLE,
    /**
     * {@code auto}: the embedded provider, since the event waited longer than {@code
     * AI_LLM_MAX_WAIT}; Ollama (and its probe) are not asked.
     */
    EMBEDDED_OVER_BUDGET
  }

  /**
   * The route of one message, and how long its event had waited when it was chosen (zero when the
   * event has no {@code occurred_at}, or when the publisher's clock is ahead of this one).
   */
  record Choice(Route route, Duration waited) {}

  enum Mode {
    AUTO,
    OLLAMA,
    EMBEDDED;

    static Mode parse(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  final Mode mode;

  /** Null in {@code embedded} mode. */
  final OllamaAnalyzer ollama;

  /** Null in {@code ollama} mode: the model is not loaded where it is never used. */
  final EmbeddedAnalyzer embedded;

  /** Non-null in {@code auto} mode only. */
  private final OllamaProbe probe;

  /** {@code AI_LLM_MAX_WAIT}; zero: no budget. */
  private final Duration llmMaxWait;

  private final Clock clock;

  Providers(
      Mode mode,
      OllamaAnalyzer ollama,
      EmbeddedAnalyzer embedded,
      OllamaProbe probe,
      Duration llmMaxWait,
      Clock clock) {
    if ((mode != Mode.EMBEDDED && ollama == null)
        || (mode != Mode.OLLAMA && embedded == null)
        || (mode == Mode.AUTO && probe == null)) {
      throw new IllegalArgumentException("a provider of mode " + mode + " is missing");
    }
    this.mode = mode;
    this.ollama = ollama;
    this.embedded = embedded;
    this.probe = probe;
    this.llmMaxWait = llmMaxWait;
    this.clock = clock;
  }

  /** The providers of the configuration; loads the embedded model unless the mode is ollama. */
  static Providers of(FunctionConfig config) {
    Mode mode = Mode.parse(config.aiProvider);
    OllamaAnalyzer ollama =
        mode == Mode.EMBEDDED
            ? null
            : new OllamaAnalyzer(
                config.ollamaUrl,
                config.ollamaModel,
                config.ollamaTimeout,
                config.ollamaNumPredict,
                config.ollamaKeepAlive);
    EmbeddedAnalyzer embedded =
        mode == Mode.OLLAMA ? null : EmbeddedAnalyzer.load(config.embeddedDir);
    OllamaProbe probe =
        mode == Mode.AUTO
            ? new OllamaProbe(config.ollamaUrl, config.ollamaModel, config.ollamaProbeInterval)
            : null;
    return new Providers(mode, ollama, embedded, probe, config.llmMaxWait, Clock.systemUTC());
  }

  /**
   * Where the message of an event that occurred at {@code occurredAt} goes, now (null: unknown, so
   * the budget does not apply; a message typed on the command line has none).
   */
  Choice choose(Instant occurredAt) {
    return choose(mode, llmMaxWait, clock, occurredAt, () -> probe.usable());
  }

  /**
   * The decision itself, with everything it depends on passed in. In {@code auto}, the budget is
   * looked at first: an event over it does not cost a probe either. "Longer than" is strict, so an
   * event that waited exactly {@code llmMaxWait} still goes to Ollama.
   *
   * @param llmMaxWait {@code AI_LLM_MAX_WAIT}; zero: no budget
   * @param ollamaUsable the probe; asked only in {@code auto} for an event within the budget
   */
  static Choice choose(
      Mode mode,
      Duration llmMaxWait,
      Clock clock,
      Instant occurredAt,
      BooleanSupplier ollamaUsable) {
    Duration waited =
        occurredAt == null ? Duration.ZERO : Duration.between(occurredAt, clock.instant());
    if (waited.isNegative()) {
      // The publisher's clock is ahead of this replica's: the event has waited no time we know of.
      waited = Duration.ZERO;
    }
    switch (mode) {
      case EMBEDDED:
        return new Choice(Route.EMBEDDED, waited);
      case OLLAMA:
        // Queued, never embedded: the event waits its turn for the model, however long that is.
        return new Choice(Route.OLLAMA, waited);
      default:
        if (occurredAt != null && !llmMaxWait.isZero() && waited.compareTo(llmMaxWait) > 0) {
          return new Choice(Route.EMBEDDED_OVER_BUDGET, waited);
        }
        return new Choice(
            ollamaUsable.getAsBoolean() ? Route.OLLAMA : Route.EMBEDDED_NOT_USABLE, waited);
    }
  }

  /** Whether a failure of Ollama goes to the embedded provider instead of retries. */
  boolean fallsBack() {
    return mode == Mode.AUTO;
  }

  /** The Ollama call failed with {@code reason}; in auto mode, skip Ollama for an interval. */
  void ollamaFailed(String reason) {
    if (probe != null) {
      probe.failed(reason);
    }
  }

  /** For the start-up log line. */
  String describe(FunctionConfig config) {
    switch (mode) {
      case OLLAMA:
        return "provider=ollama model=" + config.ollamaModel + " at " + config.ollamaUrl;
      case EMBEDDED:
        return "provider=embedded model=" + EmbeddedAnalyzer.MODEL;
      default:
        return "provider=auto: "
            + config.ollamaModel
            + " at "
            + config.ollamaUrl
            + " when usable"
            + (llmMaxWait.isZero()
                ? ""
                : " for events that waited at most " + llmMaxWait.toMillis() + " ms")
            + ", else "
            + EmbeddedAnalyzer.MODEL;
    }
  }
}
