package org.supportinbox.functions.analyze;

import java.util.List;
import java.util.Objects;
import org.supportinbox.contracts.ReplyBasis;

/**
 * What one {@link Analyzer} made of one message: an insight, output that could not be one, or no
 * answer at all.
 */
public sealed interface Analysis {

  /** Which provider answered; the label of {@code ai_insights_total}. */
  enum Provider {
    OLLAMA,
    EMBEDDED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  Provider provider();

  /** The value of {@code model} on the insight. */
  String model();

  /** Time spent in the provider, in milliseconds; 0 for a request that failed. */
  long latencyMs();

  /**
   * The requests made to a model server, in order, each with how it ended: the labels of {@code
   * ai_llm_request_seconds}. Empty for the embedded provider, which makes none.
   */
  List<ModelRequest> requests();

  /**
   * One request to a model server.
   *
   * @param outcome {@code ok}, {@code invalid_output} or the failure reason
   * @param latencyMs how long it took; 0 when it failed (the failure carries no time)
   */
  record ModelRequest(String outcome, long latencyMs) {}

  /**
   * A valid insight.
   *
   * @param sources the knowledge-base passages the suggested reply was written from, best first;
   *     empty when none
   * @param basis what the suggested reply was written from; null when not said (tests)
   */
  record Accepted(
      Provider provider,
      String model,
      Insight insight,
      long latencyMs,
      List<ModelRequest> requests,
      List<KnowledgePassage> sources,
      ReplyBasis basis)
      implements Analysis {
    public Accepted {
      Objects.requireNonNull(insight, "insight");
      requests = List.copyOf(requests);
      sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** An insight whose reply names no source and no basis. */
    public Accepted(
        Provider provider,
        String model,
        Insight insight,
        long latencyMs,
        List<ModelRequest> requests) {
      this(provider, model, insight, latencyMs, requests, List.of(), null);
    }
  }

  /**
   * The provider answered, but not with an insight, even after the one repair request.
   *
   * @param reason why the last answer was rejected ({@link ParseResult.Rejected#reason()})
   */
  record Rejected(
      Provider provider, String model, String reason, long latencyMs, List<ModelRequest> requests)
      implements Analysis {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      requests = List.copyOf(requests);
    }
  }

  /**
   * The provider gave no answer.
   *
   * @param reason a stable code: {@code ollama_unreachable}, {@code ollama_timeout}, {@code
   *     model_missing} or {@code ollama_error}
   * @param detail a sentence for logs and the stored error
   */
  record Failed(
      Provider provider,
      String model,
      String reason,
      String detail,
      long latencyMs,
      List<ModelRequest> requests)
      implements Analysis {
    public Failed {
      Objects.requireNonNull(reason, "reason");
      requests = List.copyOf(requests);
    }
  }
}
