package org.supportinbox.contracts.rest;

/**
 * How the AI suggestions of one group (a model, an intent, a day, or all) fared with operators.
 *
 * @param key the model, the intent, the day ({@code yyyy-mm-dd}, UTC) or {@code all}
 * @param suggestions suggestions with a reply feedback: {@code sent_as_is + edited + dismissed}
 * @param acceptanceRate {@code (sent_as_is + edited) / suggestions}, null when there are none
 * @param meanEditRatio the mean edit ratio of the suggestions that were sent ({@code sent_as_is}
 *     counting 0), null when none was sent
 * @param corrections corrections of intent, sentiment or urgency
 */
public record AiQualityFigures(
    String key,
    long suggestions,
    long sentAsIs,
    long edited,
    long dismissed,
    Double acceptanceRate,
    Double meanEditRatio,
    long corrections) {}
