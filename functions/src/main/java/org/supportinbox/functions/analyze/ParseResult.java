package org.supportinbox.functions.analyze;

import java.util.Objects;

/** What {@link InsightParser} made of one model output. */
public sealed interface ParseResult {

  /** The output held a valid insight. */
  record Accepted(Insight insight) implements ParseResult {
    public Accepted {
      Objects.requireNonNull(insight, "insight");
    }
  }

  /**
   * The output held no usable insight.
   *
   * @param reason a short sentence for logs, the stored error and the repair prompt, e.g. {@code
   *     "summary is missing"}
   */
  record Rejected(String reason) implements ParseResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
