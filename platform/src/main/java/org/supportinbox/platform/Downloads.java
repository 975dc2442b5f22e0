package org.supportinbox.platform;

import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * How a stored file is served, by messaging and by the gateway alike: always as a download ({@code
 * Content-Disposition: attachment}), as its stored type only when that type cannot run script in a
 * browser ({@link #SAFE_TYPES}, else {@code application/octet-stream}), and under a policy that
 * allows nothing and sandboxes the document, so that an uploaded HTML or SVG file opened anyway
 * never runs in the application's origin. {@code X-Content-Type-Options: nosniff} comes with every
 * answer ({@link SecurityHeadersFilter}).
 */
public final class Downloads {

  /** Types served as they are. Every other type (HTML, SVG, XML, script, unknown) is not. */
  public static final Set<String> SAFE_TYPES =
      Set.of(
          "image/png",
          "image/jpeg",
          "image/gif",
          "image/webp",
          "application/pdf",
          "text/plain",
          "application/zip");

  /** The policy of a download: nothing loads, nothing runs, nothing frames it. */
  public static final String POLICY =
      "default-src 'none'; sandbox; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private Downloads() {}

  /** The type a file of {@code stored} type is served as. */
  public static String servedType(String stored) {
    return stored != null && SAFE_TYPES.contains(stored) ? stored : "application/octet-stream";
  }

  /**
   * {@code attachment} with the name twice (RFC 6266): an ASCII fallback for old clients and the
   * UTF-8 name ({@code filename*}, RFC 8187).
   */
  public static String disposition(String filename) {
    String ascii = filename.replaceAll("[^\\x20-\\x7e]", "_").replaceAll("[\"\\\\]", "_");
    String encoded = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  /** A 200 download of {@code bytes}. */
  public static Response of(byte[] bytes, String filename, String storedType) {
    return answer(bytes, servedType(storedType), disposition(filename));
  }

  /**
   * A download another service answered, passed on under the same rules: its type only when safe
   * (without parameters), its disposition only when it is {@code attachment}.
   */
  public static Response relay(byte[] bytes, String type, String disposition) {
    String base = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    String d =
        disposition != null
                && disposition.startsWith("attachment;")
                && disposition.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
            ? disposition
            : "attachment";
    return answer(bytes, servedType(base), d);
  }

  private static Response answer(byte[] bytes, String type, String disposition) {
    return Response.ok(bytes)
        .type(type)
        .header("Content-Disposition", disposition)
        .header("Content-Security-Policy", POLICY)
        .header("Cache-Control", "private, no-store")
        .build();
  }
}
