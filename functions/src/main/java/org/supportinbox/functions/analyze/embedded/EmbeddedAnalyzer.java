package org.supportinbox.functions.analyze.embedded;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.ReplyBasis;
import org.supportinbox.functions.analyze.Analysis;
import org.supportinbox.functions.analyze.Analyzer;
import org.supportinbox.functions.analyze.Insight;
import org.supportinbox.functions.analyze.InsightJson;
import org.supportinbox.functions.analyze.InsightParser;
import org.supportinbox.functions.analyze.ParseResult;
import org.supportinbox.functions.analyze.TextLimits;
import org.supportinbox.functions.analyze.language.LanguageDetection;

/**
 * The embedded analyzer: an insight without a model server, computed in this JVM from the sentence
 * embeddings of all-MiniLM-L6-v2 (quantized ONNX weights inside a Maven artifact, run by ONNX
 * Runtime on the CPU).
 *
 * <ul>
 *   <li><b>Intent</b>: the labelled examples nearest in meaning (cosine similarity). Each intent
 *       scores the mean similarity of its {@value #TOP_K} nearest examples, to the whole message
 *       and to its best-matching sentence; the higher of the two counts, so one clear sentence in a
 *       long message is enough. A message in another language that has examples of its own ({@code
 *       de/intent-examples.yaml}; the language it is read with, {@code readingLanguage}: its own,
 *       or when unsure the likeliest) goes to that language's {@link NgramClassifier} instead: the
 *       model is English-only.
 *   <li><b>Sentiment and urgency</b>: the {@link Lexicon}, with a per-intent prior.
 *   <li><b>Summary</b>: extractive. The sentences most similar to the message as a whole, in their
 *       order, at most {@value Insight#SUMMARY_MAX} characters. The conversation's summary is
 *       extractive too ({@link ConversationSummary}).
 *   <li><b>Suggested reply</b>: from the team's knowledge base when a passage in the customer's
 *       language is near enough ({@link PassageReply}: its answering sentences after a greeting);
 *       otherwise the intent's {@link ReplyMacros macro}, in the message's language when it has
 *       macros ({@code de/reply-macros.yaml}), in English otherwise, with the customer's first name
 *       and the order number when the message has one. The insight says which ({@code reply_basis}
 *       {@code knowledge} or {@code macro}).
 * </ul>
 *
 * <p>The result goes through {@link InsightParser} like a model's output, so both providers meet
 * the same contract. It reads the message only for the insight; the earlier ones of the
 * conversation only for the conversation summary. Always {@link Analysis.Accepted}: an insight that
 * breaks the contract can only come from an edited macro file, and is an {@link
 * IllegalStateException}. Thread-safe: the ONNX session is; the examples are an immutable {@link
 * LearnedExamples} snapshot that {@link #learn} replaces in one write (the admins' approved
 * corrections, without a restart), and an analysis reads it once.
 */
public final class EmbeddedAnalyzer implements Analyzer {

  /** The value of {@code model} on the insights of this analyzer. */
  public static final String MODEL = "embedded:all-minilm-l6-v2-q";

  /** Nearest examples per intent whose similarities are averaged. */
  static final int TOP_K = 3;

  /** Below this best similarity to any example, the message is like none of them: {@code other}. */
  static final double OTHER_THRESHOLD = 0.20;

  /** Sentences looked at; a longer message is summarised and classified from its start. */
  private static final int MAX_SENTENCES = 8;

  private static final int SENTENCE_MAX = 400;

  /** Sentences in a summary at most. */
  private static final int SUMMARY_SENTENCES = 2;

  /**
   * DJL (the tokenizer's loader) warns on every start that it finds no CUDA driver: true and
   * harmless on a CPU-only machine, alarming in a log. Held here so the setting is not collected.
   */
  private static final Logger DJL_LOG = quiet("ai.djl");

  private final EmbeddingModel model;
  private final ReplyMacros macros;
  private final Lexicon lexicon;
  private final Map<String, ReplyMacros> languageMacros;
  private final Map<String, Pleasantries> pleasantries;

  /** The examples of the files, and the learned ones on top: replaced whole by {@link #learn}. */
  private volatile LearnedExamples examples;

  EmbeddedAnalyzer(
      EmbeddingModel model,
      Map<Intent, List<String>> exampleTexts,
      ReplyMacros macros,
      Lexicon lexicon) {
    this(model, exampleTexts, macros, lexicon, Map.of(), Map.of(), Map.of());
  }

  /**
   * @param languageExamples the labelled examples of each language other than English, by ISO 639-1
   *     code: a message in one of them is classified by its {@link NgramClassifier}
   * @param languageMacros the reply macros of each language other than English that has them
   * @param pleasantries the greetings, thanks and sign-offs of each language other than English
   *     that has them, set aside before its classifier reads a message
   */
  EmbeddedAnalyzer(
      EmbeddingModel model,
      Map<Intent, List<String>> exampleTexts,
      ReplyMacros macros,
      Lexicon lexicon,
      Map<String, Map<Intent, List<String>>> languageExamples,
      Map<String, ReplyMacros> languageMacros,
      Map<String, Pleasantries> pleasantries) {
    this.model = model;
    this.macros = macros;
    this.lexicon = lexicon;
    Map<Intent, float[][]> vectors = new EnumMap<>(Intent.class);
    for (Map.Entry<Intent, List<String>> e : exampleTexts.entrySet()) {
      vectors.put(e.getKey(), vectors(e.getValue()));
    }
    this.examples = LearnedExamples.of(vectors, languageExamples);
    this.languageMacros = Map.copyOf(languageMacros);
    this.pleasantries = Map.copyOf(pleasantries);
  }

  /** This analyzer as it was before it knew languages: every message by the English examples. */
  EmbeddedAnalyzer withoutLanguages() {
    return new EmbeddedAnalyzer(this, false);
  }

  /** A copy that learns apart from this one: the same model, files and examples now. */
  EmbeddedAnalyzer copy() {
    return new EmbeddedAnalyzer(this, true);
  }

  private EmbeddedAnalyzer(EmbeddedAnalyzer other, boolean languages) {
    this.model = other.model;
    this.examples = languages ? other.examples : other.examples.withoutLanguages();
    this.macros = other.macros;
    this.lexicon = other.lexicon;
    this.languageMacros = languages ? other.languageMacros : Map.of();
    this.pleasantries = languages ? other.pleasantries : Map.of();
  }

  /**
   * Replaces the learned examples with {@code learned} (all of them, not a change: an example left
   * out is forgotten), on top of the files' examples. Each goes where a message of the same text
   * would be classified: its language's {@link NgramClassifier} when that language has examples of
   * its own (the detector's likeliest language when {@code language} is null), the English sentence
   * embeddings otherwise. Builds the new examples beside the ones in use (embedding only texts not
   * embedded before; rebuilding the classifier of each language that learned something) and then
   * swaps them in one write: analyses running meanwhile finish with the old ones, none sees half.
   * One learn at a time.
   */
  public synchronized void learn(java.util.Collection<LearnedExamples.Example> learned) {
    examples = examples.learn(learned, this::vectors);
  }

  /** How many learned examples are in use, by where they went ({@code en} for the embeddings). */
  public Map<String, Integer> learnedCounts() {
    return examples.learnedCounts();
  }

  /**
   * The analyzer with the bundled model and the resource files of {@code dir} (any of {@code
   * intent-examples.yaml}, {@code reply-macros.yaml}, {@code lexicon.yaml}; the built-in ones for
   * those it lacks), or the built-in files when {@code dir} is null. Loads the model and embeds
   * every example: about a second.
   */
  public static EmbeddedAnalyzer load(Path dir) {
    // One thread per inference, in the calling thread: AI_CONCURRENCY and the number of replicas
    // decide how many cores the analyses use, not a pool of ONNX Runtime's.
    return load(dir, new QuantizedMiniLm(1));
  }

  /**
   * With another embedding model: the benchmark (bench/'s {@code EmbeddedBenchmark}) compares
   * others with the one shipped.
   */
  public static EmbeddedAnalyzer load(Path dir, EmbeddingModel model) {
    EmbeddedResources resources = new EmbeddedResources(dir);
    return new EmbeddedAnalyzer(
        model,
        resources.examples(),
        resources.macros(),
        resources.lexicon(),
        resources.languageExamples(LanguageDetection.LANGUAGES),
        resources.languageMacros(LanguageDetection.LANGUAGES),
        resources.languagePleasantries(LanguageDetection.LANGUAGES));
  }

  /** The languages other than English with examples of their own, ISO 639-1 codes. */
  public java.util.Set<String> languages() {
    return new java.util.TreeSet<>(examples.classifiers().keySet());
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public String toString() {
    return MODEL;
  }

  /** The insight of the message's content, written by its sender (name null when unknown). */
  @Override
  public Analysis.Accepted analyse(Message message) {
    long start = System.nanoTime();
    String senderName = message.senderName();
    String text = TextLimits.clean(message.content()).strip();
    if (text.isEmpty()) {
      // Messaging refuses empty messages; "Retry AI" on an attachment-only message could get here.
      text = "(empty message)";
    }
    List<String> sentences = sentences(text);
    // Each sentence is embedded once; the message as a whole is their mean direction. Embedding
    // the whole text too would cost the longest inference of all for little gain.
    float[][] parts = vectors(sentences);
    float[] whole = parts.length == 1 ? parts[0] : mean(parts);

    String language = message.language();
    LearnedExamples known = examples;
    Map<String, NgramClassifier> classifiers = known.classifiers();
    // The examples of the language the message is read with: when the detector was unsure (stored
    // as null), the likeliest one, whose examples still read it better than the English embeddings
    // unless that is English (the caller works it out once: Message.readingLanguage).
    String examplesLanguage = message.readingLanguage();
    NgramClassifier inLanguage =
        examplesLanguage == null ? null : classifiers.get(examplesLanguage);
    // The sentence embeddings are English-only: in another language they place a message by its
    // names and numbers, not its meaning (25 % right on the multilingual set, docs/ai.md).
    // Its greeting and signature set aside, a long message is read by what it asks, not by the
    // "Hallo" and "Merci d'avance" it shares with the short greeting and thanks examples.
    Intent intent =
        inLanguage != null
            ? inLanguage.classify(
                pleasantries.getOrDefault(examplesLanguage, Pleasantries.NONE).content(text))
            : classify(known.vectors(), whole, parts);
    String summary = summary(sentences, whole, parts);
    // The team's own answer when a passage in the customer's language is near enough; the
    // intent's macro otherwise.
    java.util.Optional<PassageReply.Answer> answer =
        PassageReply.answer(message.knowledge(), text, firstName(senderName), language);
    ReplyMacros replies = language == null ? macros : languageMacros.getOrDefault(language, macros);
    String reply;
    if (answer.isPresent()) {
      reply = answer.get().reply();
    } else {
      reply = replies.reply(intent, firstName(senderName), OrderNumbers.find(text));
    }
    InsightJson json =
        new InsightJson(
            intent.wire(),
            summary,
            reply,
            lexicon.sentiment(text, intent).wire(),
            lexicon.urgency(text, intent).wire(),
            ConversationSummary.of(message, summary));
    ParseResult parsed = InsightParser.parse(json.toJson());
    if (parsed instanceof ParseResult.Rejected rejected) {
      // Only an edited macro file could do this (e.g. a blank reply); say which part is wrong.
      throw new IllegalStateException(
          "the embedded insight breaks the contract: " + rejected.reason());
    }
    return new Analysis.Accepted(
        Analysis.Provider.EMBEDDED,
        MODEL,
        ((ParseResult.Accepted) parsed).insight(),
        (System.nanoTime() - start) / 1_000_000,
        List.of(),
        answer.map(a -> List.of(a.passage())).orElse(List.of()),
        answer.isPresent() ? ReplyBasis.KNOWLEDGE : ReplyBasis.MACRO);
  }

  /** The intent whose examples are nearest; {@code other} when none is near. */
  private static Intent classify(
      Map<Intent, float[][]> examples, float[] whole, float[][] sentences) {
    Intent best = Intent.OTHER;
    double bestScore = -1;
    double bestSingle = -1;
    for (Map.Entry<Intent, float[][]> e : examples.entrySet()) {
      double score = topMean(whole, e.getValue());
      bestSingle = Math.max(bestSingle, top1(whole, e.getValue()));
      if (sentences.length > 1) {
        for (float[] s : sentences) {
          score = Math.max(score, topMean(s, e.getValue()));
          bestSingle = Math.max(bestSingle, top1(s, e.getValue()));
        }
      }
      if (score > bestScore) {
        bestScore = score;
        best = e.getKey();
      }
    }
    return bestSingle < OTHER_THRESHOLD ? Intent.OTHER : best;
  }

  /** The most representative sentences, in the message's order, within the summary limit. */
  private static String summary(List<String> sentences, float[] whole, float[][] parts) {
    if (sentences.size() == 1) {
      return TextLimits.cut(TextLimits.oneLine(sentences.get(0)), Insight.SUMMARY_MAX, "…");
    }
    Integer[] order = new Integer[sentences.size()];
    double[] score = new double[sentences.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      score[i] = dot(whole, parts[i]);
      // A bare "Hi," or "Thanks!" can be near the whole of a short message; it says nothing.
      if (words(sentences.get(i)) < 3) {
        score[i] -= 1;
      }
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
    boolean[] chosen = new boolean[sentences.size()];
    int length = 0;
    int count = 0;
    for (int i : order) {
      int l = sentences.get(i).codePointCount(0, sentences.get(i).length()) + 1;
      // The best sentence always; a second one when it says something and fits. More would make
      // a copy of the message, not a summary.
      if (count == 0 || (score[i] > 0 && length + l <= Insight.SUMMARY_MAX)) {
        chosen[i] = true;
        length += l;
        count++;
      }
      if (count == SUMMARY_SENTENCES || length >= Insight.SUMMARY_MAX / 2) {
        break;
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < chosen.length; i++) {
      if (chosen[i]) {
        out.append(out.length() == 0 ? "" : " ").append(sentences.get(i));
      }
    }
    return TextLimits.cut(TextLimits.oneLine(out.toString()), Insight.SUMMARY_MAX, "…");
  }

  /** The message's sentences, each on one line, at most {@value #MAX_SENTENCES}. */
  public static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    // Line breaks end sentences too: customers write lists and signatures without full stops.
    for (String line : text.split("\\n+")) {
      BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
      it.setText(line);
      int start = it.first();
      for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
        String s = TextLimits.oneLine(line.substring(start, end));
        if (!s.isEmpty() && out.size() < MAX_SENTENCES) {
          out.add(TextLimits.prefix(s, SENTENCE_MAX));
        }
      }
    }
    if (out.isEmpty()) {
      out.add(TextLimits.prefix(TextLimits.oneLine(text), SENTENCE_MAX));
    }
    return out;
  }

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  /** The first word of the sender's name, or null. */
  static String firstName(String senderName) {
    if (senderName == null || senderName.isBlank()) {
      return null;
    }
    return TextLimits.prefix(TextLimits.oneLine(senderName).split(" ")[0], 40);
  }

  private float[][] vectors(List<String> texts) {
    List<TextSegment> segments = new ArrayList<>();
    for (String t : texts) {
      segments.add(TextSegment.from(t));
    }
    List<Embedding> embedded = model.embedAll(segments).content();
    float[][] out = new float[embedded.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = embedded.get(i).vector();
    }
    return out;
  }

  /** The normalised mean of unit vectors. */
  private static float[] mean(float[][] vectors) {
    float[] sum = new float[vectors[0].length];
    for (float[] v : vectors) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += v[i];
      }
    }
    double norm = 0;
    for (float x : sum) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= (float) (norm == 0 ? 1 : norm);
    }
    return sum;
  }

  private static double topMean(float[] v, float[][] candidates) {
    double[] top = new double[Math.min(TOP_K, candidates.length)];
    Arrays.fill(top, -2);
    for (float[] c : candidates) {
      double s = dot(v, c);
      int min = 0;
      for (int i = 1; i < top.length; i++) {
        if (top[i] < top[min]) {
          min = i;
        }
      }
      if (s > top[min]) {
        top[min] = s;
      }
    }
    double sum = 0;
    for (double t : top) {
      sum += t;
    }
    return sum / top.length;
  }

  private static double top1(float[] v, float[][] candidates) {
    double best = -2;
    for (float[] c : candidates) {
      best = Math.max(best, dot(v, c));
    }
    return best;
  }

  /** Cosine similarity: the model's vectors have length 1. */
  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static int words(String s) {
    return s.isBlank() ? 0 : s.strip().split("\\s+").length;
  }
}
