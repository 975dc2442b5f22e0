package org.supportinbox.functions.analyze;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of a suggested reply that none of the texts it may take facts from contains: the
 * cheap, language-independent part of "never invent a policy". A time limit, a price, a percentage
 * or an order number in a reply is a number; when neither a knowledge-base passage nor the
 * customer's own messages hold that number, the model made it up. Numbers written as words are not
 * seen; that is the limit of this check.
 */
public final class Figures {

  /** A number: digits, with decimal or thousands separators inside ("14", "4.99", "1,000"). */
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,:]\\d+)*");

  /** A list marker at the start of a line ("1. ", "2) "): numbering, not a fact. */
  private static final Pattern LIST_MARKER = Pattern.compile("(?m)^\\s*\\d{1,2}[.)]\\s");

  private Figures() {}

  /**
   * The numbers of {@code reply} that are in none of {@code sources}, in the reply's order, each
   * once; empty when every figure is backed. A number counts as backed when a source holds the same
   * digits, separators aside ("4,99" backs "4.99").
   */
  public static List<String> unsupported(String reply, List<String> sources) {
    Set<String> backed = new HashSet<>();
    for (String source : sources) {
      if (source == null) {
        continue;
      }
      Matcher m = NUMBER.matcher(source);
      while (m.find()) {
        backed.add(digits(m.group()));
      }
    }
    Set<String> missing = new LinkedHashSet<>();
    Matcher m = NUMBER.matcher(LIST_MARKER.matcher(reply).replaceAll(" "));
    while (m.find()) {
      if (!backed.contains(digits(m.group()))) {
        missing.add(m.group());
      }
    }
    return new ArrayList<>(missing);
  }

  /**
   * The identifier-like numbers of {@code texts}: 3 digits or more, or with a separator inside
   * (order numbers, amounts); small bare numbers (days, percentages) are left out.
   */
  public static List<String> identifiers(List<String> texts) {
    List<String> out = new ArrayList<>();
    for (String text : texts) {
      if (text == null) {
        continue;
      }
      Matcher m = NUMBER.matcher(text);
      while (m.find()) {
        String n = m.group();
        if (digits(n).length() >= 3 || !n.equals(digits(n))) {
          out.add(n);
        }
      }
    }
    return out;
  }

  private static String digits(String number) {
    return number.replaceAll("[.,:]", "");
  }
}
