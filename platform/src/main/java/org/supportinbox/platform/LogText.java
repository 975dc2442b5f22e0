package org.supportinbox.platform;

/**
 * Text from a request made safe for a log line: control characters (CR and LF above all, which
 * would forge a line of their own) are escaped as {@code \n}, {@code \r} or {@code \\u00XX}, and
 * the text is cut to {@value #MAX} characters.
 */
public final class LogText {

  static final int MAX = 200;

  private LogText() {}

  public static String of(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(Math.min(text.length(), MAX) + 8);
    for (int i = 0; i < text.length() && b.length() < MAX; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\\' -> b.append("\\\\");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    if (b.length() >= MAX && text.length() > MAX) {
      b.append('…');
    }
    return b.toString();
  }
}
