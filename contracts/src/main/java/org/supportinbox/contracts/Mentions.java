package org.supportinbox.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operators an operators' note mentions: {@code @username}, with user names as the gateway
 * allows them ({@code [a-z0-9][a-z0-9._-]{1,63}}, any case written). An {@code @} inside a word (an
 * email address) is no mention, and a name ends before trailing punctuation ("@bob." is bob).
 */
public final class Mentions {

  /** No more than this many per note: a note is not a mailing list. */
  public static final int MAX = 20;

  private static final Pattern MENTION =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}._@-])@([a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?)",
          Pattern.CASE_INSENSITIVE);

  private Mentions() {}

  /** The user names mentioned in {@code text}, lower case, each once, in order of appearance. */
  public static List<String> in(String text) {
    List<String> names = new ArrayList<>();
    if (text == null) {
      return names;
    }
    Matcher m = MENTION.matcher(text);
    while (m.find() && names.size() < MAX) {
      String name = m.group(1).toLowerCase(Locale.ROOT);
      if (name.length() >= 2 && !names.contains(name)) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }
}
