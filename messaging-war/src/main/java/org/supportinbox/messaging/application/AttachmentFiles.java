package org.supportinbox.messaging.application;

import java.text.Normalizer;
import java.util.Locale;
import org.apache.tika.Tika;

/**
 * What a file is and is called, whoever sent it: its type by its bytes (Apache Tika's magic
 * numbers, never the name or the declared type, which a sender chooses) and its name made harmless.
 * How a download is served is module platform's {@code Downloads}.
 */
public final class AttachmentFiles {

  /** Tika's detector is thread-safe; built once (it reads its type database). */
  private static final Tika TIKA = new Tika();

  /** Longest file name kept, in code points (the extension is kept when a name is cut). */
  static final int MAX_NAME = 200;

  private AttachmentFiles() {}

  /** The type of {@code bytes}, {@code type/subtype} in lower case without parameters. */
  public static String sniff(byte[] bytes) {
    String detected = TIKA.detect(bytes);
    String type = detected == null ? "" : detected.toLowerCase(Locale.ROOT);
    int semicolon = type.indexOf(';');
    if (semicolon >= 0) {
      type = type.substring(0, semicolon).strip();
    }
    return type.matches("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")
        ? type
        : "application/octet-stream";
  }

  /**
   * {@code raw} as a harmless file name: the last path segment only, NFC, no control, format
   * (bidirectional overrides) or reserved characters, no leading dots, at most {@link #MAX_NAME}
   * code points; {@code fallback} when nothing is left.
   */
  public static String filename(String raw, String fallback) {
    if (raw == null) {
      return fallback;
    }
    String s = Normalizer.normalize(raw, Normalizer.Form.NFC);
    s = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
    s = s.replaceAll("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}]", "");
    s = s.replaceAll("[<>:\"|?*;]", "_").replaceAll("\\s+", " ").strip();
    s = s.replaceFirst("^[.\\s]+", "");
    if (s.isEmpty()) {
      return fallback;
    }
    if (s.codePointCount(0, s.length()) > MAX_NAME) {
      int dot = s.lastIndexOf('.');
      String ext = dot > 0 && s.length() - dot <= 10 ? s.substring(dot) : "";
      s = s.substring(0, s.offsetByCodePoints(0, MAX_NAME - ext.length())) + ext;
    }
    return s;
  }
}
