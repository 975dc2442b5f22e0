package org.supportinbox.functions.analyze;

import java.util.Locale;
import org.supportinbox.functions.runtime.FunctionConfig;

/**
 * Which provider analyses a message ({@code AI_PROVIDER}): {@code ollama} always asks Ollama
 * (retries, then {@code unavailable}, as before the embedded provider existed); {@code embedded}
 * never does; {@code auto} asks Ollama when {@link OllamaProbe} says it answers and has the model,
 * and the embedded provider otherwise, or when the Ollama call fails, or when its output is
 * rejected after the repair. So in {@code auto} every analysed message ends {@code available}.
 */
final class Providers {

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

  Providers(Mode mode, OllamaAnalyzer ollama, EmbeddedAnalyzer embedded, OllamaProbe probe) {
    if ((mode != Mode.EMBEDDED && ollama == null)
        || (mode != Mode.OLLAMA && embedded == null)
        || (mode == Mode.AUTO && probe == null)) {
      throw new IllegalArgumentException("a provider of mode " + mode + " is missing");
    }
    this.mode = mode;
    this.ollama = ollama;
    this.embedded = embedded;
    this.probe = probe;
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
    return new Providers(mode, ollama, embedded, probe);
  }

  /** Whether to ask Ollama for this message. */
  boolean askOllama() {
    return mode == Mode.OLLAMA || (mode == Mode.AUTO && probe.usable());
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
            + " when usable, else "
            + EmbeddedAnalyzer.MODEL;
    }
  }
}
