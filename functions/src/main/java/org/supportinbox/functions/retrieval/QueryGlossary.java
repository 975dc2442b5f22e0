package org.supportinbox.functions.retrieval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.German2Stemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;

/**
 * Translates the support words of a message in another language into the English words of the
 * knowledge base, so that an English knowledge base can be searched with a German, French, Spanish,
 * Dutch, Italian or Portuguese message although the embedding model reads English only.
 *
 * <p>One glossary per language, {@code <code>/kb-glossary.yaml} (ISO 639-1), in {@code
 * AI_EMBEDDED_DIR} or else in the jar ({@code src/main/resources/embedded/}): each key is an
 * English word or phrase of the knowledge base, its value the words and phrases customers use for
 * it in that language. A message's words and the glossary's are matched after Lucene's Snowball
 * stemmer of the language, lower case and accents removed ("remboursé", "rembourser" → "rembours"),
 * phrases of up to {@value #MAX_PHRASE} words longest first; in German and Dutch a word the
 * glossary does not hold whole is also matched by its known beginning and end, as compounds are
 * made ("Rücksendeetikett": "Rücksendung" + "Etikett").
 */
public final class QueryGlossary {

  /** The file name in each language's folder. */
  public static final String FILE = "kb-glossary.yaml";

  /** The longest glossary phrase, in words. */
  static final int MAX_PHRASE = 4;

  /** The shortest stem that may be found as the beginning or end of a compound. */
  static final int MIN_COMPOUND_PART = 4;

  private static final Map<String, Supplier<SnowballStemmer>> STEMMERS =
      Map.of(
          "de", German2Stemmer::new,
          "fr", FrenchStemmer::new,
          "es", SpanishStemmer::new,
          "nl", DutchStemmer::new,
          "it", ItalianStemmer::new,
          "pt", PortugueseStemmer::new);

  /** Languages that write compounds as one word. */
  private static final Set<String> COMPOUNDING = Set.of("de", "nl");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, Language> languages;

  private QueryGlossary(Map<String, Language> languages) {
    this.languages = Map.copyOf(languages);
  }

  /** No glossary: every message is searched as it is. */
  public static QueryGlossary none() {
    return new QueryGlossary(Map.of());
  }

  /**
   * The glossaries of every language with a stemmer, each from {@code dir} when it holds {@code
   * <code>/kb-glossary.yaml}, else from the jar; {@code dir} may be null. A file that cannot be
   * used throws {@link IllegalArgumentException} with the reason.
   */
  public static QueryGlossary load(Path dir) {
    Map<String, Language> out = new TreeMap<>();
    for (String code : STEMMERS.keySet()) {
      String name = code + "/" + FILE;
      Map<String, List<String>> raw = read(dir, name);
      if (raw != null) {
        out.put(code, Language.of(code, raw, name));
      }
    }
    return new QueryGlossary(out);
  }

  /** The languages that have a glossary, ISO 639-1 codes. */
  public Set<String> languages() {
    return new java.util.TreeSet<>(languages.keySet());
  }

  /**
   * The English words of the glossary for {@code text}, written in {@code language}: each English
   * term once, in the order its first source word appears; empty when the language has no glossary
   * (English, null, any other) or no word is known.
   */
  public List<String> english(String text, String language) {
    Language glossary = language == null ? null : languages.get(language);
    if (glossary == null || text == null || text.isBlank()) {
      return List.of();
    }
    return glossary.translate(text);
  }

  /** {@code text}, then its English glossary words when there are any. */
  public String expand(String text, String language) {
    List<String> english = english(text, language);
    return english.isEmpty() ? text : text + "\n" + String.join(" ", english);
  }

  private static Map<String, List<String>> read(Path dir, String name) {
    try {
      if (dir != null && Files.isRegularFile(dir.resolve(name))) {
        try (InputStream in = Files.newInputStream(dir.resolve(name))) {
          return parse(in, name);
        }
      }
      try (InputStream in = QueryGlossary.class.getResourceAsStream("/embedded/" + name)) {
        return in == null ? null : parse(in, name);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  private static Map<String, List<String>> parse(InputStream in, String name) throws IOException {
    try {
      Map<String, List<String>> raw =
          YAML.readValue(in, new TypeReference<Map<String, List<String>>>() {});
      if (raw == null || raw.isEmpty()) {
        throw new IllegalArgumentException(name + " is empty");
      }
      return raw;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException(name + " is not valid: " + e.getOriginalMessage(), e);
    }
  }

  /** Lower case, accents removed. */
  static String fold(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD)
        .replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT);
  }

  private record Entry(String[] keys, String english) {}

  /** One language's glossary, read-only once built; the stemmer is made per call. */
  private static final class Language {
    private final Supplier<SnowballStemmer> stemmer;
    private final boolean compounding;
    private final Map<String, List<Entry>> byFirstKey = new HashMap<>();
    private final Map<String, String> singleWords = new HashMap<>(); // key -> english

    private Language(String code) {
      this.stemmer = STEMMERS.get(code);
      this.compounding = COMPOUNDING.contains(code);
    }

    static Language of(String code, Map<String, List<String>> raw, String name) {
      Language out = new Language(code);
      SnowballStemmer stemmer = out.stemmer.get();
      for (Map.Entry<String, List<String>> e : raw.entrySet()) {
        String english = e.getKey() == null ? "" : e.getKey().strip();
        if (english.isEmpty() || e.getValue() == null || e.getValue().isEmpty()) {
          throw new IllegalArgumentException(name + ": '" + english + "' has no words");
        }
        for (String words : e.getValue()) {
          List<String> keys = keys(words == null ? "" : words, stemmer);
          if (keys.isEmpty() || keys.size() > MAX_PHRASE) {
            throw new IllegalArgumentException(
                name + ": '" + words + "' (for '" + english + "') must have 1 to 4 words");
          }
          out.byFirstKey
              .computeIfAbsent(keys.get(0), k -> new ArrayList<>())
              .add(new Entry(keys.toArray(new String[0]), english));
          if (keys.size() == 1) {
            out.singleWords.putIfAbsent(keys.get(0), english);
          }
        }
      }
      // Longest phrase first, so "carte cadeau" wins over "carte".
      out.byFirstKey.values().forEach(l -> l.sort((a, b) -> b.keys.length - a.keys.length));
      return out;
    }

    List<String> translate(String text) {
      SnowballStemmer stemmer = this.stemmer.get();
      List<String> keys = keys(text, stemmer);
      Set<String> out = new LinkedHashSet<>();
      for (int i = 0; i < keys.size(); ) {
        // The longest phrase that matches here; a phrase listed under several English terms
        // (an ambiguous word) gives all of them.
        int length = 0;
        for (Entry e : byFirstKey.getOrDefault(keys.get(i), List.of())) {
          if (e.keys.length < length) {
            break;
          }
          if (matches(e.keys, keys, i)) {
            out.add(e.english);
            length = e.keys.length;
          }
        }
        if (length > 0) {
          i += length;
          continue;
        }
        if (compounding) {
          compoundParts(keys.get(i), out);
        }
        i++;
      }
      return List.copyOf(out);
    }

    /** The longest known beginning and the longest known end of a word, when there are any. */
    private void compoundParts(String key, Set<String> out) {
      String head = null;
      String tail = null;
      for (Map.Entry<String, String> w : singleWords.entrySet()) {
        String part = w.getKey();
        if (part.length() < MIN_COMPOUND_PART || part.length() >= key.length()) {
          continue;
        }
        if (key.startsWith(part) && (head == null || part.length() > head.length())) {
          head = part;
        }
        if (key.endsWith(part) && (tail == null || part.length() > tail.length())) {
          tail = part;
        }
      }
      if (head != null) {
        out.add(singleWords.get(head));
      }
      if (tail != null) {
        out.add(singleWords.get(tail));
      }
    }

    private static boolean matches(String[] phrase, List<String> keys, int at) {
      if (at + phrase.length > keys.size()) {
        return false;
      }
      for (int j = 0; j < phrase.length; j++) {
        if (!phrase[j].equals(keys.get(at + j))) {
          return false;
        }
      }
      return true;
    }

    /** Words to stems: lower case, split on what is not a letter or digit, stemmed, folded. */
    private static List<String> keys(String text, SnowballStemmer stemmer) {
      String lower = text.toLowerCase(Locale.ROOT);
      List<String> out = new ArrayList<>();
      int start = -1;
      for (int i = 0; i <= lower.length(); i++) {
        boolean letter = i < lower.length() && Character.isLetterOrDigit(lower.charAt(i));
        if (letter && start < 0) {
          start = i;
        } else if (!letter && start >= 0) {
          stemmer.setCurrent(lower.substring(start, i));
          stemmer.stem();
          out.add(fold(stemmer.getCurrent()));
          start = -1;
        }
      }
      return out;
    }
  }
}
