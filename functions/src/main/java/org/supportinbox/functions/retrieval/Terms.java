package org.supportinbox.functions.retrieval;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Words to index terms, for any Latin-script language without knowing which: lower case, accents
 * removed, split on anything that is neither letter nor digit, words of one letter dropped, and
 * each word cut to its first {@link #PREFIX} letters. The cut is a crude stemmer that needs no
 * language ("refunds", "refunded" → "refund"; "Rückerstattung" and "rückerstatten" → "rucker"),
 * chosen because the knowledge base and its customers mix languages.
 */
public final class Terms {

  static final int PREFIX = 6;

  private Terms() {}

  public static List<String> of(String text) {
    String folded =
        Normalizer.normalize(text, Normalizer.Form.NFD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT);
    List<String> terms = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= folded.length(); i++) {
      boolean word = i < folded.length() && Character.isLetterOrDigit(folded.charAt(i));
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        if (i - start >= 2) {
          terms.add(folded.substring(start, Math.min(i, start + PREFIX)));
        }
        start = -1;
      }
    }
    return terms;
  }
}
