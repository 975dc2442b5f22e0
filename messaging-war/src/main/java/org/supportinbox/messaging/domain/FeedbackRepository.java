package org.supportinbox.messaging.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.rest.AiCorrectionView;
import org.supportinbox.contracts.rest.AiQualityFigures;

/** Operators' feedback on AI insights (the port; {@code JpaFeedbackRepository} stores it). */
public interface FeedbackRepository {

  /**
   * The feedback recorded now with one insight model, intent and language ({@code none} when
   * unknown) and one action: how many, and the sum of their edit ratios (0 but for {@code edited}).
   */
  record Tally(
      String model,
      String intent,
      String language,
      String action,
      long count,
      double editRatioSum) {}

  /** Every tally, all the feedback recorded (one row per group). */
  List<Tally> tallies();

  /** Stores it, replacing the same operator's earlier feedback of the same kind on the message. */
  void put(Feedback feedback);

  /** The operator's feedback of {@code kind} on the message, or null. */
  Feedback find(UUID messageId, String operator, String kind);

  /** How the groups of feedback recorded in {@code [from, to)} fared. */
  enum Grouping {
    ALL,
    MODEL,
    INTENT,
    /** The insight's language; {@code none} when it had none. */
    LANGUAGE,
    DAY
  }

  /** The figures per group, the most suggestions first ({@link Grouping#DAY}: oldest first). */
  List<AiQualityFigures> figures(Grouping grouping, Instant from, Instant to);

  /** The latest corrections in {@code [from, to)}, newest first, at most {@code limit}. */
  List<AiCorrectionView> corrections(Instant from, Instant to, int limit);

  /**
   * Intent corrections in {@code [from, to)} (a message and corrected intent counted once) on which
   * no admin has decided yet.
   */
  long pendingReviews(Instant from, Instant to);

  /** Whether an operator's intent correction of the message says {@code intent}. */
  boolean intentCorrected(UUID messageId, String intent);
}
