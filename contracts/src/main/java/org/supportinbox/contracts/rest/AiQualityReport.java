package org.supportinbox.contracts.rest;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /ai-quality}: the operators' feedback on AI insights recorded in {@code [from, to)}.
 * Groups are by the insight's model and intent at the time of the feedback; days are UTC days.
 *
 * @param byModel the most suggestions first
 * @param byIntent the most suggestions first
 * @param byDay oldest first, only days with feedback
 * @param corrections the latest corrections first, at most 50
 */
public record AiQualityReport(
    Instant from,
    Instant to,
    AiQualityFigures overall,
    List<AiQualityFigures> byModel,
    List<AiQualityFigures> byIntent,
    List<AiQualityFigures> byDay,
    List<AiCorrectionView> corrections) {}
