package org.supportinbox.gateway.api.ui;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.EntityTag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files of static-ui/, packaged into the WAR under {@value #ROOT}, read once and kept in memory
 * (the folder is a few hundred KB at most) with a content hash as ETag.
 */
@ApplicationScoped
public class StaticUiFiles {

  static final String ROOT = "/WEB-INF/static-ui/";

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("webmanifest", "application/manifest+json"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff2", "font/woff2"));

  /** One file: its bytes, media type and strong ETag. */
  public record File(byte[] bytes, String mediaType, EntityTag etag) {}

  @Inject ServletContext context;

  // Only files that exist are kept: a client asking for many missing names cannot grow this.
  private final Map<String, File> cache = new ConcurrentHashMap<>();

  /** The file at {@code path} (relative to static-ui/, already checked to be a plain path). */
  public Optional<File> get(String path) {
    File cached = cache.get(path);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<File> loaded = load(path);
    loaded.ifPresent(file -> cache.put(path, file));
    return loaded;
  }

  private Optional<File> load(String path) {
    String type = TYPES.get(path.substring(path.lastIndexOf('.') + 1));
    if (type == null) {
      return Optional.empty();
    }
    try (InputStream in = context.getResourceAsStream(ROOT + path)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      return Optional.of(new File(bytes, type, new EntityTag(hash(bytes))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ROOT + path, e);
    }
  }

  private static String hash(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
