package org.supportinbox.platform;

import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * How a stored file is served, by messaging and by the gateway alike: as a download ({@code
 * Content-Disposition: attachment}), except a raster image ({@link #INLINE_TYPES}: PNG, JPEG, GIF,
 * WebP; never SVG), which is {@code inline} so that the UI can show it as an image; as its stored
 * type only when that type cannot run script in a browser ({@link #SAFE_TYPES}, else {@code
 * application/octet-stream}), and under a policy that allows nothing and sandboxes the document, so
 * that an uploaded HTML or SVG file opened anyway never runs in the application's origin. {@code
 * X-Content-Type-Options: nosniff} comes with every answer (here, and {@link
 * SecurityHeadersFilter}), so a browser never takes the bytes for another type than the one given.
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

  /**
   * Types served {@code inline}: raster images, which a browser only ever draws (no script, no
   * links). SVG is not one of them: it is a document that can carry script.
   */
  public static final Set<String> INLINE_TYPES =
      Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

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
    return disposition("attachment", filename);
  }

  /** {@code kind} ({@code attachment} or {@code inline}) with the name twice, as above. */
  static String disposition(String kind, String filename) {
    String ascii = filename.replaceAll("[^\\x20-\\x7e]", "_").replaceAll("[\"\\\\]", "_");
    String encoded = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
    return kind + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  /** Whether a file of {@code stored} type is served {@code inline} (a raster image). */
  public static boolean inline(String stored) {
    return stored != null && INLINE_TYPES.contains(stored);
  }

  /** The disposition of a file of {@code stored} type: inline for a raster image. */
  public static String dispositionFor(String stored, String filename) {
    return disposition(inline(stored) ? "inline" : "attachment", filename);
  }

  /** A 200 answer of {@code bytes}: inline for a raster image, else a download. */
  public static Response of(byte[] bytes, String filename, String storedType) {
    return answer(bytes, servedType(storedType), dispositionFor(storedType, filename));
  }

  /**
   * A download another service answered, passed on under the same rules: its type only when safe
   * (without parameters), its disposition only when it is {@code attachment}, or {@code inline} for
   * a raster image type.
   */
  public static Response relay(byte[] bytes, String type, String disposition) {
    String base = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return answer(bytes, servedType(base), relayedDisposition(base, disposition));
  }

  /** The disposition a relayed answer keeps: {@code disposition}, or a bare {@code attachment}. */
  static String relayedDisposition(String base, String disposition) {
    boolean printable =
        disposition != null && disposition.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    return printable
            && (disposition.startsWith("attachment;")
                || (inline(base) && disposition.startsWith("inline;")))
        ? disposition
        : "attachment";
  }

  private static Response answer(byte[] bytes, String type, String disposition) {
    return Response.ok(bytes)
        .type(type)
        .header("Content-Disposition", disposition)
        .header("Content-Security-Policy", POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "private, no-store")
        .build();
  }
}
