package org.supportinbox.messaging.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.rest.AiCorrectionView;
import org.supportinbox.contracts.rest.AiQualityFigures;

/** Operators' feedback on AI insights (the port; {@code JpaFeedbackRepository} stores it). */
public interface FeedbackRepository {

  /** Stores it, replacing the same operator's earlier feedback of the same kind on the message. */
  void put(Feedback feedback);

  /** The operator's feedback of {@code kind} on the message, or null. */
  Feedback find(UUID messageId, String operator, String kind);

  /** How the groups of feedback recorded in {@code [from, to)} fared. */
  enum Grouping {
    ALL,
    MODEL,
    INTENT,
    DAY
    // Per language: once the insight has a `language`, copy it into ai_feedback as intent is
    // copied, and group by it here (JpaFeedbackRepository's KEYS) and in AiQualityReport.
  }

  /** The figures per group, the most suggestions first ({@link Grouping#DAY}: oldest first). */
  List<AiQualityFigures> figures(Grouping grouping, Instant from, Instant to);

  /** The latest corrections in {@code [from, to)}, newest first, at most {@code limit}. */
  List<AiCorrectionView> corrections(Instant from, Instant to, int limit);
}
