package org.supportinbox.functions.analyze;

import java.util.List;

/**
 * Where the analysis finds the team's knowledge for a message (the port; {@code
 * knowledge.KnowledgeIndex} serves it from messaging's index, the command line from a file).
 * Thread-safe.
 */
public interface Knowledge {

  /** No knowledge at all: every message is analysed without passages. */
  Knowledge NONE = (text, language) -> List.of();

  /**
   * The passages worth showing an analyzer for {@code text}, best first, at most {@value
   * #MAX_PASSAGES}; empty when none is near enough.
   *
   * @param language the language to read the message with, ISO 639-1: the detected one, or when the
   *     detector is unsure the likeliest one ({@code LanguageDetection.detectedOrLikeliest}, worked
   *     out by the caller); null when even that cannot be told
   */
  List<KnowledgePassage> find(String text, String language);

  /** Passages given to an analyzer at most. */
  int MAX_PASSAGES = 4;

  /**
   * Cosine of message and passage below which a passage is not offered to any analyzer
   * (docs/ai.md#grounded-suggestions has how it was chosen).
   */
  double MIN_COSINE = 0.30;

  /** Cosine from which the embedded analyzer answers with a passage's own sentences. */
  double ANSWER_COSINE = 0.55;
}
