package org.supportinbox.functions.analyze;

/**
 * Cleaning and cutting of untrusted text. Lengths are counted in code points, so a cut never splits
 * a surrogate pair and an emoji counts as one character, as a reader would count it.
 */
public final class TextLimits {

  /**
   * Below this share of the limit, a cut at the last space would throw away too much (one long URL
   * or a text without spaces), so the cut falls mid-word instead.
   */
  private static final int MIN_WORD_CUT_PERCENT = 50;

  private TextLimits() {}

  /**
   * {@code text} without C0 control characters except tab and newline, and without unpaired
   * surrogates: the store refuses NUL, and PostgreSQL's UTF-8 has no encoding for a lone surrogate
   * (a JSON escape like {@code \ud800} produces one). A carriage return goes too, so {@code \r\n}
   * becomes {@code \n}.
   */
  public static String clean(String text) {
    StringBuilder out = null;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      boolean keep;
      int width = 1;
      if (c < 0x20) {
        keep = c == '\n' || c == '\t';
      } else if (Character.isHighSurrogate(c)) {
        keep = i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1));
        width = keep ? 2 : 1;
      } else {
        keep = !Character.isLowSurrogate(c);
      }
      if (!keep && out == null) {
        out = new StringBuilder(length).append(text, 0, i);
      }
      if (keep && out != null) {
        out.append(text, i, i + width);
      }
      i += width - 1;
    }
    return out == null ? text : out.toString();
  }

  /** {@code text} with every run of whitespace, newlines included, as one space; stripped. */
  public static String oneLine(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  /**
   * {@code text} if it has at most {@code max} code points, else its longest prefix that ends at a
   * word boundary, followed by {@code marker}, with the result at most {@code max} code points.
   * {@code text} should be stripped already; the marker is not added when even it does not fit.
   */
  public static String cut(String text, int max, String marker) {
    int total = text.codePointCount(0, text.length());
    if (total <= max) {
      return text;
    }
    int markerLength = marker.codePointCount(0, marker.length());
    int budget = max - markerLength;
    if (budget <= 0) {
      return prefix(text, max);
    }
    // budget < total, so the code point at index budget exists: if it is a space, the prefix ends
    // exactly on a word boundary.
    int end = text.offsetByCodePoints(0, budget);
    if (!Character.isWhitespace(text.codePointAt(end))) {
      int space = lastWhitespace(text, end);
      int spaceIndex = space < 0 ? -1 : text.codePointCount(0, space);
      if (spaceIndex * 100 >= budget * MIN_WORD_CUT_PERCENT) {
        end = space;
      }
    }
    return text.substring(0, end).stripTrailing() + marker;
  }

  /** The first {@code count} code points of {@code text}. */
  public static String prefix(String text, int count) {
    if (text.codePointCount(0, text.length()) <= count) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, count));
  }

  private static int lastWhitespace(String text, int before) {
    int i = before;
    while (i > 0) {
      int codePoint = text.codePointBefore(i);
      i -= Character.charCount(codePoint);
      if (Character.isWhitespace(codePoint)) {
        return i;
      }
    }
    return -1;
  }
}
