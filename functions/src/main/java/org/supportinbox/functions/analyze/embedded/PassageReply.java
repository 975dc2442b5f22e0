package org.supportinbox.functions.analyze.embedded;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.supportinbox.functions.analyze.Insight;
import org.supportinbox.functions.analyze.Knowledge;
import org.supportinbox.functions.analyze.KnowledgePassage;
import org.supportinbox.functions.analyze.TextLimits;
import org.supportinbox.functions.retrieval.Terms;

/**
 * The embedded provider's answer from the team's knowledge: the best passage in the customer's
 * language, when it is near enough to the message ({@value #THRESHOLD} cosine), gives the reply's
 * body: its {@value #SENTENCES} sentences that share the most words with the message (the first
 * ones when none shares any), in the passage's order, after a greeting with the customer's first
 * name. Nothing is reworded, so the reply states only what the article states.
 */
final class PassageReply {

  /** Cosine of message and passage from which the passage answers ({@code Knowledge}). */
  static final double THRESHOLD = Knowledge.ANSWER_COSINE;

  /** Sentences taken from the passage at most. */
  static final int SENTENCES = 2;

  /** Greetings by language, {@code %s} the first name; the English one without a name otherwise. */
  private static final Map<String, String[]> GREETINGS =
      Map.of(
          "en", new String[] {"Hi %s,", "Hi there,"},
          "de", new String[] {"Hallo %s,", "Hallo,"},
          "fr", new String[] {"Bonjour %s,", "Bonjour,"},
          "es", new String[] {"Hola %s,", "Hola,"},
          "nl", new String[] {"Hallo %s,", "Hallo,"},
          "it", new String[] {"Ciao %s,", "Ciao,"},
          "pt", new String[] {"Olá %s,", "Olá,"});

  private PassageReply() {}

  /** What answered: the passage and the reply written from it. */
  record Answer(KnowledgePassage passage, String reply) {}

  /**
   * The reply from the best of {@code passages} (best first) that is in {@code language} (an
   * article without a language matches any) and clears the threshold; empty when none does.
   */
  static Optional<Answer> answer(
      List<KnowledgePassage> passages, String message, String firstName, String language) {
    for (KnowledgePassage p : passages) {
      // Only an article answers word for word: a past answer was written for someone else.
      if (p.score() < THRESHOLD || !KnowledgePassage.ARTICLE.equals(p.kind())) {
        continue;
      }
      if (p.language() != null && language != null && !p.language().equals(language)) {
        continue;
      }
      String body = sentences(p.text(), message, p.language() == null ? language : p.language());
      if (body.isEmpty()) {
        continue;
      }
      String greeting = greeting(firstName, p.language() == null ? language : p.language());
      String reply = TextLimits.cut(greeting + "\n\n" + body, Insight.SUGGESTED_REPLY_MAX, "…");
      return Optional.of(new Answer(p, reply));
    }
    return Optional.empty();
  }

  static String greeting(String firstName, String language) {
    String[] forms =
        GREETINGS.getOrDefault(language == null ? "en" : language, GREETINGS.get("en"));
    return firstName == null || firstName.isBlank()
        ? forms[1]
        : String.format(Locale.ROOT, forms[0], firstName);
  }

  /** The answering sentences of {@code text} for {@code message}, joined by a space. */
  static String sentences(String text, String message, String language) {
    List<String> all = split(text, language);
    if (all.isEmpty()) {
      return "";
    }
    Set<String> asked = new HashSet<>(Terms.of(message));
    int[] overlap = new int[all.size()];
    boolean any = false;
    for (int i = 0; i < all.size(); i++) {
      Set<String> seen = new HashSet<>();
      for (String term : Terms.of(all.get(i))) {
        if (asked.contains(term) && seen.add(term)) {
          overlap[i]++;
        }
      }
      any |= overlap[i] > 0;
    }
    List<Integer> chosen = new ArrayList<>();
    if (!any) {
      for (int i = 0; i < Math.min(SENTENCES, all.size()); i++) {
        chosen.add(i);
      }
    } else {
      // The most overlapping sentences; an earlier one wins a tie (articles lead with the rule).
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        if (overlap[i] > 0) {
          order.add(i);
        }
      }
      order.sort((a, b) -> overlap[b] != overlap[a] ? overlap[b] - overlap[a] : a - b);
      chosen.addAll(order.subList(0, Math.min(SENTENCES, order.size())));
      chosen.sort(null);
    }
    StringBuilder out = new StringBuilder();
    for (int i : chosen) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(all.get(i));
    }
    return out.toString();
  }

  /**
   * The sentences of {@code text}, line by line: a Markdown heading line is left out (it names the
   * topic, it answers nothing), list markers are dropped.
   */
  private static List<String> split(String text, String language) {
    BreakIterator it =
        BreakIterator.getSentenceInstance(
            language == null ? Locale.ENGLISH : Locale.forLanguageTag(language));
    List<String> out = new ArrayList<>();
    for (String raw : TextLimits.clean(text).split("\\R")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      line = line.replaceFirst("^([>*\\-+]|\\d{1,2}[.)])\\s+", "").strip();
      it.setText(line);
      int start = it.first();
      for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
        String sentence = line.substring(start, end).strip();
        if (!sentence.isEmpty()) {
          out.add(sentence);
        }
      }
    }
    return out;
  }
}
