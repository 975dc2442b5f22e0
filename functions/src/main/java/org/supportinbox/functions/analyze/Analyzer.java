package org.supportinbox.functions.analyze;

import java.util.List;
import java.util.Objects;

/**
 * The analysis port: one customer message with its context in, a validated {@link Insight} or the
 * reason there is none out. Two implementations: {@code ollama.OllamaAnalyzer} (a local LLM) and
 * {@code embedded.EmbeddedAnalyzer} (a sentence-embedding model in this JVM); {@link AnalyzerChain}
 * decides which one a message goes to. Implementations are thread-safe: every consumer thread of a
 * replica shares them.
 */
public interface Analyzer {

  /** The value of {@code model} on the insights this analyzer writes. */
  String model();

  /**
   * The analysis of {@code message}. The provider's faults (unreachable, timeout, output that
   * cannot be an insight) are results, never exceptions; an exception means a bug or a broken
   * edited file.
   */
  Analysis analyse(Message message);

  /**
   * What is analysed.
   *
   * @param senderName the customer's display name, may be null
   * @param content the message text
   * @param previous earlier messages of the conversation, oldest first (the embedded analyzer does
   *     not read them)
   * @param language the customer's language as {@code language.LanguageDetection} found it, ISO
   *     639-1; null when unknown. Ollama is told to reply in it; the embedded analyzer picks its
   *     macros by it.
   * @param knowledge the knowledge-base passages found for the message ({@link Knowledge}), best
   *     first; Ollama is given them and told to answer from them only, the embedded analyzer
   *     answers from the best one when it is near enough
   * @param previousSummary the conversation summary written with an earlier message, null when
   *     none: what the new conversation summary updates
   * @param readingLanguage the language to read the message with: {@code language} when that is
   *     known, else the detector's likeliest language of the content, worked out once by the caller
   *     ({@code LanguageDetection.detectedOrLikeliest}); null when even that cannot be told, and
   *     taken as {@code language} when null. The embedded analyzer picks its examples by it. Never
   *     stored, never told to Ollama.
   */
  record Message(
      String senderName,
      String content,
      List<ContextMessage> previous,
      String language,
      List<KnowledgePassage> knowledge,
      String previousSummary,
      String readingLanguage) {

    public Message {
      Objects.requireNonNull(content, "content");
      // A null among the earlier messages (a broken context) is left out, not a failure.
      previous = previous == null ? List.of() : previous.stream().filter(Objects::nonNull).toList();
      knowledge = knowledge == null ? List.of() : List.copyOf(knowledge);
      readingLanguage = readingLanguage == null ? language : readingLanguage;
    }

    /** A message read in its own {@code language} (null: unknown, read with no language's). */
    public Message(
        String senderName,
        String content,
        List<ContextMessage> previous,
        String language,
        List<KnowledgePassage> knowledge,
        String previousSummary) {
      this(senderName, content, previous, language, knowledge, previousSummary, null);
    }

    /** A message without knowledge-base passages. */
    public Message(
        String senderName, String content, List<ContextMessage> previous, String language) {
      this(senderName, content, previous, language, List.of(), null);
    }

    /** A message without an earlier conversation summary. */
    public Message(
        String senderName,
        String content,
        List<ContextMessage> previous,
        String language,
        List<KnowledgePassage> knowledge) {
      this(senderName, content, previous, language, knowledge, null);
    }

    /** A message whose language is not known. */
    public Message(String senderName, String content, List<ContextMessage> previous) {
      this(senderName, content, previous, null);
    }

    /** A message on its own, without earlier ones (typed in, benchmarked, tested). */
    public static Message of(String senderName, String content) {
      return new Message(senderName, content, List.of(), null, List.of(), null);
    }

    /** The same message in {@code language} (null: unknown), read in it. */
    public Message withLanguage(String language) {
      return new Message(senderName, content, previous, language, knowledge, previousSummary);
    }

    /**
     * The same message in {@code language} (null: unknown), read in {@code readingLanguage} (when
     * unknown, the likeliest one; null: none).
     */
    public Message withLanguage(String language, String readingLanguage) {
      return new Message(
          senderName, content, previous, language, knowledge, previousSummary, readingLanguage);
    }

    /** The same message with these passages. */
    public Message withKnowledge(List<KnowledgePassage> passages) {
      return new Message(
          senderName, content, previous, language, passages, previousSummary, readingLanguage);
    }
  }
}
