package org.supportinbox.contracts.rest;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /ai-quality}: the operators' feedback on AI insights recorded in {@code [from, to)}.
 * Groups are by the insight's model, intent and language at the time of the feedback; days are UTC
 * days.
 *
 * @param byModel the most suggestions first
 * @param byIntent the most suggestions first
 * @param byLanguage the most suggestions first; key {@code none} for insights without a language
 * @param byDay oldest first, only days with feedback
 * @param corrections the latest corrections first, at most 50
 * @param pendingReviews intent corrections in the range that no admin has approved or rejected yet
 */
public record AiQualityReport(
    Instant from,
    Instant to,
    AiQualityFigures overall,
    List<AiQualityFigures> byModel,
    List<AiQualityFigures> byIntent,
    List<AiQualityFigures> byLanguage,
    List<AiQualityFigures> byDay,
    List<AiCorrectionView> corrections,
    long pendingReviews) {}
