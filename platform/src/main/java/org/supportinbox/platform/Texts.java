package org.supportinbox.platform;

/**
 * Rules for the free text people send. Lengths are in Unicode code points, as PostgreSQL's {@code
 * char_length} counts them, so the database check and this one agree on emoji.
 */
public final class Texts {

  /** Most code points a message may have after trimming. */
  public static final int MAX_CONTENT = 10_000;

  private Texts() {}

  /**
   * The trimmed content, or an error naming {@code field} when it is empty, too long or not text.
   */
  public static String content(String field, String raw) {
    String value = raw.strip();
    int length = value.codePointCount(0, value.length());
    if (length == 0) {
      throw new InvalidInputException(field, field + " must not be empty or only white space");
    }
    if (length > MAX_CONTENT) {
      throw new InvalidInputException(
          field, field + " has " + length + " characters; at most " + MAX_CONTENT + " are allowed");
    }
    requireStorable(field, value);
    return value;
  }

  /**
   * A short single-line value (name, id, email): trimmed, 1..{@code max} code points, storable, or
   * null when {@code raw} is null.
   */
  public static String shortText(String field, String raw, int max) {
    if (raw == null) {
      return null;
    }
    String value = raw.strip();
    int length = value.codePointCount(0, value.length());
    if (length == 0) {
      throw new InvalidInputException(field, field + " must not be empty");
    }
    if (length > max) {
      throw new InvalidInputException(field, field + " must be at most " + max + " characters");
    }
    requireStorable(field, value);
    if (value.chars().anyMatch(c -> c == '\n' || c == '\r')) {
      throw new InvalidInputException(field, field + " must be a single line");
    }
    return value;
  }

  /** Free text that may span lines (a summary, a reply): trimmed, storable, at most {@code max}. */
  public static String text(String field, String raw, int max) {
    if (raw == null) {
      return null;
    }
    String value = raw.strip();
    if (value.codePointCount(0, value.length()) > max) {
      throw new InvalidInputException(field, field + " must be at most " + max + " characters");
    }
    requireStorable(field, value);
    return value;
  }

  /**
   * PostgreSQL text cannot hold NUL, and a lone UTF-16 surrogate cannot be encoded as UTF-8 (the
   * driver would silently store '?'): both are refused instead of being altered.
   */
  public static void requireStorable(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\0') {
        throw new InvalidInputException(field, field + " must not contain NUL characters");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidInputException(
            field, field + " contains an unpaired surrogate and is not valid Unicode");
      }
    }
  }
}
