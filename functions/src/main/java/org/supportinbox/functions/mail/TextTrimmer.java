package org.supportinbox.functions.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What is kept of a mail's text: the customer's own words, without the history their mail program
 * quoted below (or between) them and without their signature. The patterns are those of the common
 * mail programs (Gmail, Apple Mail, Thunderbird, Outlook) in English, German, French and Spanish;
 * what none matches is kept, since losing a customer's words is worse than showing a quote.
 */
final class TextTrimmer {

  /** "On Mon, 1 Dec 2026 at 10:00, Ann <ann@x> wrote:" and its translations, on one line. */
  private static final Pattern ATTRIBUTION =
      Pattern.compile(
          "^(On\\s.+wrote|Am\\s.+schrieb\\s.+|Le\\s.+a\\s+écrit|El\\s.+escribió)\\s*:\\s*$",
          Pattern.CASE_INSENSITIVE);

  /** Outlook's and others' separators of a forwarded or replied-to original. */
  private static final Pattern ORIGINAL =
      Pattern.compile(
          "^\\s*(-{2,}\\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje"
              + " original)\\s*-{2,}|_{10,})\\s*$",
          Pattern.CASE_INSENSITIVE);

  /** Outlook's header block of the original: "From: …" then "Sent:"/"Date:" within a few lines. */
  private static final Pattern HEADER_FROM = Pattern.compile("^\\s*(From|Von|De)\\s*:\\s*\\S.*$");

  private static final Pattern HEADER_SENT =
      Pattern.compile("^\\s*(Sent|Date|Gesendet|Datum|Envoyé|Enviado)\\s*:\\s*\\S.*$");

  /** RFC 3676's signature separator ("-- "), and the bare "--" many write by hand. */
  private static final Pattern SIGNATURE = Pattern.compile("^--\\s?$");

  /** A mobile client's one-line signature. */
  private static final Pattern SENT_FROM =
      Pattern.compile(
          "^\\s*(Sent from my\\s.+|Get Outlook for\\s.+|Von meinem\\s.+gesendet|Envoyé de mon\\s.+)$",
          Pattern.CASE_INSENSITIVE);

  private TextTrimmer() {}

  static String trim(String text) {
    List<String> lines = List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
    int end = lines.size();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String joined = i + 1 < lines.size() ? line + " " + lines.get(i + 1) : line;
      if (ATTRIBUTION.matcher(line).matches()
          || (line.startsWith("On ") && ATTRIBUTION.matcher(joined).matches())
          || ORIGINAL.matcher(line).matches()
          || SIGNATURE.matcher(line).matches()
          || (HEADER_FROM.matcher(line).matches() && sentFollows(lines, i))) {
        end = i;
        break;
      }
    }
    List<String> kept = new ArrayList<>();
    for (String line : lines.subList(0, end)) {
      if (!line.startsWith(">")) {
        kept.add(line.stripTrailing());
      }
    }
    while (!kept.isEmpty()
        && (kept.get(kept.size() - 1).isBlank()
            || SENT_FROM.matcher(kept.get(kept.size() - 1)).matches())) {
      kept.remove(kept.size() - 1);
    }
    return String.join("\n", kept).replaceAll("\n{3,}", "\n\n").strip();
  }

  private static boolean sentFollows(List<String> lines, int from) {
    for (int j = from + 1; j < Math.min(lines.size(), from + 5); j++) {
      if (HEADER_SENT.matcher(lines.get(j)).matches()) {
        return true;
      }
    }
    return false;
  }
}
