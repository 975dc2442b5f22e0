package org.supportinbox.functions.analyze;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.supportinbox.functions.analyze.embedded.EmbeddedAnalyzer;
import org.supportinbox.functions.analyze.ollama.OllamaAnalyzer;
import org.supportinbox.functions.analyze.ollama.OllamaProbe;
import org.supportinbox.functions.runtime.FunctionConfig;

/**
 * Which {@link Analyzer} analyses a message, and what happens when it cannot ({@code AI_PROVIDER}).
 * Each mode is its own chain, holding only the analyzers it uses:
 *
 * <ul>
 *   <li>{@code ollama}: always Ollama. Its failure or twice-rejected output is the result (the
 *       function retries, then stores {@code unavailable}), as before the embedded provider
 *       existed.
 *   <li>{@code embedded}: always the embedded analyzer; Ollama is never called.
 *   <li>{@code auto}: Ollama when the event is within the LLM's budget ({@code AI_LLM_MAX_WAIT})
 *       and the {@link Probe} says it answers and has the model; the embedded analyzer otherwise,
 *       and also, in the same attempt, when the Ollama call fails (the probe then skips Ollama for
 *       an interval) or its output is rejected after the repair. So in {@code auto} every analysed
 *       message ends {@code available}.
 * </ul>
 *
 * <p>The budget: the work queue, shared by every replica, is the one global queue of analyses, so
 * how long an event has waited in it ({@code occurred_at} to now) says how far the LLM is behind,
 * for the whole system, with no coordination between replicas. An event that waited longer than
 * {@code AI_LLM_MAX_WAIT} is analysed by the embedded analyzer in milliseconds, without asking
 * Ollama: a backlog (a flood from one address, a slow model) drains at the embedded analyzer's
 * speed instead of growing the LLM's work without bound, and no event is dropped. With {@code
 * ollama} an event waits its turn whatever its age: queued, never embedded.
 *
 * <p>A chain decides and calls; it neither logs nor counts. What it did is in its {@link Result},
 * which {@link AnalyzeTelemetry} turns into log lines and metrics. Thread-safe.
 */
public abstract sealed class AnalyzerChain {

  /** Where one message goes first. */
  public enum Route {
    /** Ollama: mode {@code ollama}, or {@code auto} with Ollama usable and the event in budget. */
    OLLAMA,
    /** The embedded analyzer, mode {@code embedded}. */
    EMBEDDED,
    /** {@code auto}: the embedded analyzer, since the probe says Ollama cannot be used. */
    EMBEDDED_NOT_USABLE,
    /**
     * {@code auto}: the embedded analyzer, since the event waited longer than {@code
     * AI_LLM_MAX_WAIT}; Ollama (and its probe) are not asked.
     */
    EMBEDDED_OVER_BUDGET
  }

  /**
   * The route of one message, and how long its event had waited when it was chosen (zero when the
   * event has no {@code occurred_at}, or when the publisher's clock is ahead of this one).
   */
  public record Choice(Route route, Duration waited) {}

  /**
   * What the chain did for one message.
   *
   * @param analyses every analysis made, in order: one, or in {@code auto} Ollama's and then the
   *     embedded analyzer's when Ollama failed or its output was rejected
   */
  public record Result(Choice choice, List<Analysis> analyses) {

    public Result {
      Objects.requireNonNull(choice, "choice");
      analyses = List.copyOf(analyses);
      if (analyses.isEmpty()) {
        throw new IllegalArgumentException("a result without an analysis");
      }
    }

    /** The analysis to store: the last one made. */
    public Analysis analysis() {
      return analyses.get(analyses.size() - 1);
    }

    /**
     * Time spent in the providers for this message: Ollama's rejected answers included when the
     * embedded analyzer followed them; a failed request counts 0.
     */
    public long latencyMs() {
      return analyses.stream().mapToLong(Analysis::latencyMs).sum();
    }

    /**
     * Why the embedded analyzer answered instead of Ollama in {@code auto} (the label of {@code
     * ai_embedded_fallbacks_total}): {@code not_usable} (the probe), {@code invalid_output}, or the
     * reason the Ollama call failed. Empty when Ollama answered, in the other modes, and over the
     * budget, which is counted apart.
     */
    public Optional<String> fallbackReason() {
      if (choice.route() == Route.EMBEDDED_NOT_USABLE) {
        return Optional.of("not_usable");
      }
      if (analyses.size() < 2) {
        return Optional.empty();
      }
      Analysis first = analyses.get(0);
      return Optional.of(
          first instanceof Analysis.Failed failed ? failed.reason() : "invalid_output");
    }
  }

  /**
   * Whether Ollama can be asked right now ({@link OllamaProbe}); in {@code auto} only. A boundary:
   * its answer comes from Ollama's HTTP API.
   */
  public interface Probe {

    /** True when Ollama answers and has the model, as far as this replica knows now. */
    boolean usable();

    /** A call to Ollama failed with {@code reason}: treat it as unusable for an interval. */
    void failed(String reason);
  }

  private final Clock clock;

  private AnalyzerChain(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The chain of {@code AI_PROVIDER}; loads the embedded model unless the mode is {@code ollama}
   * (about a second). {@link IllegalArgumentException} for an edited example, macro or lexicon file
   * that cannot be used.
   */
  public static AnalyzerChain of(FunctionConfig config) {
    return of(
        config,
        config.aiProvider.equals("ollama") ? null : EmbeddedAnalyzer.load(config.embeddedDir));
  }

  /**
   * As {@link #of(FunctionConfig)}, with the embedded analyzer loaded by the caller (who also feeds
   * it the approved examples); null in mode {@code ollama}.
   */
  public static AnalyzerChain of(FunctionConfig config, EmbeddedAnalyzer embedded) {
    switch (config.aiProvider) {
      case "ollama":
        return ollama(ollamaAnalyzer(config), Clock.systemUTC());
      case "embedded":
        return embedded(embedded, Clock.systemUTC());
      case "auto":
        return auto(
            ollamaAnalyzer(config),
            new OllamaProbe(config.ollamaUrl, config.ollamaModel, config.ollamaProbeInterval),
            embedded,
            config.llmMaxWait,
            Clock.systemUTC());
      default:
        throw new IllegalArgumentException(
            "AI_PROVIDER must be one of "
                + FunctionConfig.PROVIDERS
                + ", not '"
                + config.aiProvider
                + "'");
    }
  }

  private static OllamaAnalyzer ollamaAnalyzer(FunctionConfig config) {
    return new OllamaAnalyzer(
        config.ollamaUrl,
        config.ollamaModel,
        config.ollamaTimeout,
        config.ollamaNumPredict,
        config.ollamaKeepAlive,
        config.teamLanguage);
  }

  /** Mode {@code ollama}: every message to {@code ollama}, however long its event waited. */
  public static AnalyzerChain ollama(Analyzer ollama, Clock clock) {
    // Queued, never embedded: the event waits its turn for the model, however long that is.
    return new Only(Route.OLLAMA, "ollama", ollama, clock);
  }

  /** Mode {@code embedded}: every message to {@code embedded}. */
  public static AnalyzerChain embedded(Analyzer embedded, Clock clock) {
    return new Only(Route.EMBEDDED, "embedded", embedded, clock);
  }

  /**
   * Mode {@code auto}: {@code ollama} when {@code probe} says so and the event waited at most
   * {@code llmMaxWait} ({@link Duration#ZERO}: no budget), {@code embedded} otherwise or after it.
   */
  public static AnalyzerChain auto(
      Analyzer ollama, Probe probe, Analyzer embedded, Duration llmMaxWait, Clock clock) {
    return new Auto(ollama, probe, embedded, llmMaxWait, clock);
  }

  /**
   * The analysis of {@code message}, whose event occurred at {@code occurredAt} (null: unknown, so
   * the budget does not apply; a message typed on the command line has none).
   */
  public abstract Result analyse(Analyzer.Message message, Instant occurredAt);

  /** For the start-up log line (an analyzer's {@code toString} says what it is). */
  public abstract String describe();

  /**
   * {@code auto}'s decision, with everything it depends on passed in. The budget is looked at
   * first: an event over it does not cost a probe either. "Longer than" is strict, so an event that
   * waited exactly {@code llmMaxWait} still goes to Ollama.
   *
   * @param llmMaxWait {@code AI_LLM_MAX_WAIT}; zero: no budget
   * @param ollamaUsable the probe; asked only for an event within the budget
   */
  static Choice chooseAuto(
      Duration llmMaxWait, Clock clock, Instant occurredAt, BooleanSupplier ollamaUsable) {
    Duration waited = waited(occurredAt, clock);
    if (occurredAt != null && !llmMaxWait.isZero() && waited.compareTo(llmMaxWait) > 0) {
      return new Choice(Route.EMBEDDED_OVER_BUDGET, waited);
    }
    return new Choice(
        ollamaUsable.getAsBoolean() ? Route.OLLAMA : Route.EMBEDDED_NOT_USABLE, waited);
  }

  Clock clock() {
    return clock;
  }

  /** How long the event of {@code occurredAt} has waited, now. */
  Duration waited(Instant occurredAt) {
    return waited(occurredAt, clock);
  }

  private static Duration waited(Instant occurredAt, Clock clock) {
    if (occurredAt == null) {
      return Duration.ZERO;
    }
    Duration waited = Duration.between(occurredAt, clock.instant());
    // The publisher's clock is ahead of this replica's: the event has waited no time we know of.
    return waited.isNegative() ? Duration.ZERO : waited;
  }

  /** One analyzer, whatever happens: {@code AI_PROVIDER=ollama} or {@code embedded}. */
  private static final class Only extends AnalyzerChain {

    private final Route route;
    private final String provider;
    private final Analyzer analyzer;

    Only(Route route, String provider, Analyzer analyzer, Clock clock) {
      super(clock);
      this.route = route;
      this.provider = provider;
      this.analyzer = Objects.requireNonNull(analyzer, provider);
    }

    @Override
    public Result analyse(Analyzer.Message message, Instant occurredAt) {
      return new Result(new Choice(route, waited(occurredAt)), List.of(analyzer.analyse(message)));
    }

    @Override
    public String describe() {
      return "provider=" + provider + " model=" + analyzer;
    }
  }

  private static final class Auto extends AnalyzerChain {

    private final Analyzer ollama;
    private final Probe probe;
    private final Analyzer embedded;
    private final Duration llmMaxWait;

    Auto(Analyzer ollama, Probe probe, Analyzer embedded, Duration llmMaxWait, Clock clock) {
      super(clock);
      this.ollama = Objects.requireNonNull(ollama, "ollama");
      this.probe = Objects.requireNonNull(probe, "probe");
      this.embedded = Objects.requireNonNull(embedded, "embedded");
      this.llmMaxWait = Objects.requireNonNull(llmMaxWait, "llmMaxWait");
    }

    @Override
    public Result analyse(Analyzer.Message message, Instant occurredAt) {
      Choice choice = chooseAuto(llmMaxWait, clock(), occurredAt, probe::usable);
      if (choice.route() != Route.OLLAMA) {
        return new Result(choice, List.of(embedded.analyse(message)));
      }
      Analysis first = ollama.analyse(message);
      if (first instanceof Analysis.Accepted) {
        return new Result(choice, List.of(first));
      }
      if (first instanceof Analysis.Failed failed) {
        // Degrade now instead of retrying; skipping Ollama for an interval makes an outage cost
        // one failed call per interval per replica, not one per message.
        probe.failed(failed.reason() + ": " + failed.detail());
      }
      return new Result(choice, List.of(first, embedded.analyse(message)));
    }

    @Override
    public String describe() {
      return "provider=auto: "
          + ollama
          + " when usable"
          + (llmMaxWait.isZero()
              ? ""
              : " for events that waited at most " + llmMaxWait.toMillis() + " ms")
          + ", else "
          + embedded;
    }
  }
}
