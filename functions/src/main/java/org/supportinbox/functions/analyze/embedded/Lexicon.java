package org.supportinbox.functions.analyze.embedded;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.Sentiment;
import org.supportinbox.contracts.Urgency;
import org.supportinbox.contracts.WireEnum;

/**
 * Sentiment and urgency of the embedded provider by word lists ({@code lexicon.yaml}): readable,
 * editable and predictable, where an embedding says little about them. Terms match whole words or
 * phrases, ignoring case and punctuation.
 */
final class Lexicon {

  /** Words before a sentiment term in which a negation turns it around. */
  private static final int NEGATION_WINDOW = 3;

  private final List<String[]> negative;
  private final List<String[]> positive;
  private final Set<String> negation;
  private final Map<Intent, Integer> bias;
  private final List<String[]> high;
  private final Set<Intent> lowIntents;

  private Lexicon(
      List<String[]> negative,
      List<String[]> positive,
      Set<String> negation,
      Map<Intent, Integer> bias,
      List<String[]> high,
      Set<Intent> lowIntents) {
    this.negative = negative;
    this.positive = positive;
    this.negation = negation;
    this.bias = bias;
    this.high = high;
    this.lowIntents = lowIntents;
  }

  /** From the parsed YAML of {@code lexicon.yaml}; {@code name} for the error messages. */
  static Lexicon from(Map<String, Object> raw, String name) {
    Map<String, Object> sentiment = section(raw, "sentiment", name);
    Map<String, Object> urgency = section(raw, "urgency", name);
    Map<Intent, Integer> bias = new EnumMap<>(Intent.class);
    Object rawBias = sentiment.get("intent_bias");
    if (rawBias instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getValue() instanceof Integer n)) {
          throw new IllegalArgumentException(
              name + ": intent_bias of " + e.getKey() + " must be a whole number");
        }
        bias.put(intent(String.valueOf(e.getKey()), name), n);
      }
    }
    Set<Intent> low = EnumSet.noneOf(Intent.class);
    for (String s : strings(urgency, "low_intents", name)) {
      low.add(intent(s, name));
    }
    Set<String> negation = new java.util.HashSet<>();
    for (String s : strings(sentiment, "negation", name)) {
      negation.add(s.toLowerCase(Locale.ROOT));
    }
    return new Lexicon(
        terms(sentiment, "negative", name),
        terms(sentiment, "positive", name),
        negation,
        bias,
        terms(urgency, "high", name),
        low);
  }

  Sentiment sentiment(String text, Intent intent) {
    String[] words = words(text);
    int score = bias.getOrDefault(intent, 0);
    score += count(words, positive) - count(words, negative);
    return score < 0 ? Sentiment.NEGATIVE : score > 0 ? Sentiment.POSITIVE : Sentiment.NEUTRAL;
  }

  Urgency urgency(String text, Intent intent) {
    String[] words = words(text);
    for (String[] term : high) {
      if (indexOf(words, term, 0) >= 0) {
        return Urgency.HIGH;
      }
    }
    if (text.contains("!!!")) {
      return Urgency.HIGH;
    }
    return lowIntents.contains(intent) ? Urgency.LOW : Urgency.NORMAL;
  }

  /** Occurrences of the terms, each -1 instead of +1 after a negation. */
  private int count(String[] words, List<String[]> terms) {
    int n = 0;
    for (String[] term : terms) {
      for (int at = indexOf(words, term, 0); at >= 0; at = indexOf(words, term, at + 1)) {
        n += negated(words, at) ? -1 : 1;
      }
    }
    return n;
  }

  private boolean negated(String[] words, int at) {
    for (int i = Math.max(0, at - NEGATION_WINDOW); i < at; i++) {
      if (negation.contains(words[i])) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(String[] words, String[] term, int from) {
    outer:
    for (int i = from; i + term.length <= words.length; i++) {
      for (int j = 0; j < term.length; j++) {
        if (!words[i + j].equals(term[j])) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Lower-case words; apostrophes stay inside words ("don't"), other punctuation splits. */
  static String[] words(String text) {
    String t = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    String[] parts = t.split("[^\\p{L}\\p{N}']+");
    List<String> out = new ArrayList<>(parts.length);
    for (String p : parts) {
      String w = p.replaceAll("^'+|'+$", "");
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out.toArray(new String[0]);
  }

  private static List<String[]> terms(Map<String, Object> section, String key, String name) {
    List<String[]> out = new ArrayList<>();
    for (String s : strings(section, key, name)) {
      String[] w = words(s);
      if (w.length > 0) {
        out.add(w);
      }
    }
    return out;
  }

  private static List<String> strings(Map<String, Object> section, String key, String name) {
    Object value = section.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(name + ": " + key + " must be a list");
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> raw, String key, String name) {
    Object value = raw.get(key);
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(name + ": the section '" + key + "' is missing");
    }
    return (Map<String, Object>) value;
  }

  private static Intent intent(String key, String name) {
    return WireEnum.parse(Intent.class, key)
        .orElseThrow(() -> new IllegalArgumentException(name + ": '" + key + "' is not an intent"));
  }
}
