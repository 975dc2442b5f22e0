package org.supportinbox.functions.analyze.language;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.supportinbox.functions.analyze.TextLimits;

/**
 * The language of a customer message, an ISO 639-1 code, by <a
 * href="https://github.com/pemistahl/lingua">Lingua</a> (n-gram models of each language, inside its
 * jar; no download, no network). Restricted to {@link #LANGUAGES}: the fewer languages it weighs,
 * the fewer it confuses and the less memory it holds. Low-accuracy mode (trigrams only): about 20
 * MB of heap for these languages, loaded once at start, against several hundred MB for the five
 * n-gram sizes of the high-accuracy mode, which would not fit the function's {@code -Xmx128m}; on
 * support messages of a sentence or more it is as right (docs/ai.md#language has the figures).
 *
 * <p>Unsure is an answer: a text with fewer than {@value #MIN_LETTERS} letters ("ok", "Hallo!", an
 * order number) or whose two likeliest languages are too close gets {@link Optional#empty()},
 * stored as a null {@code language}, never a guess. Thread-safe; build one per process.
 */
public final class LanguageDetection {

  /**
   * The languages told apart, as ISO 639-1 codes: those the product ships examples and macros for
   * (docs/ai.md#language), and a few more that are common in European support inboxes, so that a
   * Polish or Swedish message is named as such rather than forced into a near neighbour.
   */
  public static final List<String> LANGUAGES =
      List.of("en", "de", "fr", "es", "nl", "it", "pt", "pl", "sv", "da");

  /** Fewer letters than this say too little to tell a language by. */
  static final int MIN_LETTERS = 12;

  /**
   * How far ahead (Lingua's relative distance of log-probabilities) the likeliest language must be
   * of the next to be named. Lingua's author suggests up to 0.25 for short texts; 0.1 keeps most
   * one-sentence messages named and still leaves a mixed or ambiguous text unnamed.
   */
  static final double MIN_RELATIVE_DISTANCE = 0.1;

  /** Only the start of a long message is read: its language is settled long before. */
  private static final int MAX_CHARS = 1_000;

  private final LanguageDetector detector;

  private LanguageDetection(LanguageDetector detector) {
    this.detector = detector;
  }

  /** Loads the models of {@link #LANGUAGES} now (tens of milliseconds, about 20 MB of heap). */
  public static LanguageDetection load() {
    Language[] languages =
        LANGUAGES.stream()
            .map(code -> Language.getByIsoCode639_1(isoCode(code)))
            .toArray(Language[]::new);
    return new LanguageDetection(
        LanguageDetectorBuilder.fromLanguages(languages)
            .withMinimumRelativeDistance(MIN_RELATIVE_DISTANCE)
            .withLowAccuracyMode()
            .withPreloadedLanguageModels()
            .build());
  }

  /** The language of {@code text}, or empty when it is too short or unclear to tell. */
  public Optional<String> detect(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = TextLimits.prefix(TextLimits.clean(text), MAX_CHARS);
    if (letters(t) < MIN_LETTERS) {
      return Optional.empty();
    }
    Language language = detector.detectLanguageOf(t);
    if (language == Language.UNKNOWN) {
      return Optional.empty();
    }
    return Optional.of(language.getIsoCode639_1().name().toLowerCase(Locale.ROOT));
  }

  /**
   * The likeliest language of {@code text}, however close the next one is: for choosing which
   * examples to classify a message by when {@link #detect} is unsure (an unsure Spanish message is
   * still better read with the Spanish examples, or the Portuguese ones, than with English
   * embeddings), English when it is within {@value #ENGLISH_MARGIN} (relative) of the likeliest.
   * Never stored as the message's language. Empty only for a text too short to tell.
   */
  public Optional<String> likeliest(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = TextLimits.prefix(TextLimits.clean(text), MAX_CHARS);
    if (letters(t) < MIN_LETTERS) {
      return Optional.empty();
    }
    Map<Language, Double> confidence = detector.computeLanguageConfidenceValues(t);
    Optional<Map.Entry<Language, Double>> top =
        confidence.entrySet().stream().max(Map.Entry.comparingByValue());
    if (top.isEmpty()) {
      return Optional.empty();
    }
    // Trigram statistics of a short English sentence are often as French or Polish as English
    // ("I want to cancel my subscription.": French 1.00, English 0.99). A near tie goes to English,
    // whose analysis is the one every message had before languages were told apart.
    double english = confidence.getOrDefault(Language.ENGLISH, 0.0);
    if (english >= top.get().getValue() * (1 - ENGLISH_MARGIN)) {
      return Optional.of("en");
    }
    return Optional.of(top.get().getKey().getIsoCode639_1().name().toLowerCase(Locale.ROOT));
  }

  /**
   * {@code detected} when the detector named a language, else the {@link #likeliest} one of {@code
   * text} (null when even that cannot be told): which language's knowledge-base glossary reads the
   * message. Never stored as the message's language.
   */
  public String detectedOrLikeliest(String detected, String text) {
    return detected != null ? detected : likeliest(text).orElse(null);
  }

  /** How close to the likeliest language English may be to be taken instead (relative). */
  static final double ENGLISH_MARGIN = 0.05;

  /**
   * The one instance of the process, loaded on first use: the function, the command and the
   * embedded analyzer share it (its models are its memory).
   */
  public static LanguageDetection shared() {
    return Shared.INSTANCE;
  }

  private static final class Shared {
    static final LanguageDetection INSTANCE = load();
  }

  /** The English name of a language code: "German" for {@code de}; the code when unknown. */
  public static String englishName(String code) {
    String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
    return name.isEmpty() ? code : name;
  }

  private static com.github.pemistahl.lingua.api.IsoCode639_1 isoCode(String code) {
    return com.github.pemistahl.lingua.api.IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT));
  }

  private static int letters(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      if (Character.isLetter(text.charAt(i))) {
        n++;
      }
    }
    return n;
  }
}
