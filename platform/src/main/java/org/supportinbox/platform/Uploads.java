package org.supportinbox.platform;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * How an upload names its file, at the gateway and at messaging alike: the raw bytes are the body,
 * the name is the {@link #FILENAME_HEADER} header, percent-encoded UTF-8 (JavaScript's {@code
 * encodeURIComponent}), so that any name travels in a header's ASCII. Messaging sanitises the
 * decoded name before it keeps it.
 */
public final class Uploads {

  /** The header that names the file. */
  public static final String FILENAME_HEADER = "X-Filename";

  /** Longest {@link #FILENAME_HEADER} taken, encoded. */
  static final int MAX_HEADER = 2_000;

  /** A percent-encoded name: unreserved characters and {@code %XX} escapes only. */
  private static final Pattern ENCODED =
      Pattern.compile("([A-Za-z0-9\\-_.!~*'()]|%[0-9A-Fa-f]{2})+");

  private Uploads() {}

  /** {@code encoded} when it is well-formed (to pass on as it is); a 400 otherwise. */
  public static String checked(String encoded) {
    if (encoded == null || encoded.isBlank()) {
      throw new InvalidInputException(
          "missing_field", FILENAME_HEADER, FILENAME_HEADER + " (the file's name) is required");
    }
    if (encoded.length() > MAX_HEADER || !ENCODED.matcher(encoded).matches()) {
      throw new InvalidInputException(
          FILENAME_HEADER,
          FILENAME_HEADER + " must be the file's name percent-encoded (encodeURIComponent)");
    }
    return encoded;
  }

  /** The decoded name; 400 when it is missing or not percent-encoded UTF-8. */
  public static String filename(String encoded) {
    checked(encoded);
    byte[] bytes = new byte[encoded.length()];
    int n = 0;
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        bytes[n++] = (byte) Integer.parseInt(encoded.substring(i + 1, i + 3), 16);
        i += 2;
      } else {
        bytes[n++] = (byte) c;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, n)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(
          FILENAME_HEADER, FILENAME_HEADER + " is not percent-encoded UTF-8");
    }
  }
}
