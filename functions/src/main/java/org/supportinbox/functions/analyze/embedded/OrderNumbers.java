package org.supportinbox.functions.analyze.embedded;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds an order number in a customer message, for the reply macros: a word for "order" (English,
 * German, French, Spanish, Italian, Dutch) followed by an identifier with at least one digit, or
 * {@code #} and at least four digits. Without either, there is none: a bare number is as likely a
 * price, a date or a phone number.
 */
final class OrderNumbers {

  private static final String ID = "([A-Za-z]{0,4}[-_]?\\d[A-Za-z0-9-]{2,24})";

  private static final Pattern AFTER_WORD =
      Pattern.compile(
          "(?iu)\\b(?:order|orders|bestellung|bestellnummer|auftrag|commande|pedido|ordine|"
              + "bestelling)\\b(?:\\s*(?:number|no\\.?|nr\\.?|n[°º]\\.?|num\\.?|id|nummer|"
              + "numéro|número|numero))?\\s*[:#]?\\s*#?\\s*"
              + ID);

  private static final Pattern HASH = Pattern.compile("(?<![\\w#])#(\\d{4,20})\\b");

  private OrderNumbers() {}

  /** The first order number in {@code text}, as written (without a leading {@code #}); or null. */
  static String find(String text) {
    Matcher m = AFTER_WORD.matcher(text);
    if (m.find()) {
      return trimDashes(m.group(1));
    }
    m = HASH.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  private static String trimDashes(String id) {
    int end = id.length();
    while (end > 0 && id.charAt(end - 1) == '-') {
      end--;
    }
    return id.substring(0, end);
  }
}
