package org.supportinbox.platform;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * A request body that may be left out ({@code POST .../reanalyze}, {@code PUT .../read}). Such
 * methods have no {@code @Consumes}: a request without a body (as {@code curl -X POST} sends it)
 * has no {@code Content-Type} either, which JAX-RS would refuse with 415. A body that is there must
 * still be JSON.
 */
public final class OptionalBody {

  private OptionalBody() {}

  /**
   * The body, or null when there is none (absent, empty or blank).
   *
   * @throws NotSupportedException (415) when there is one and it is not {@code application/json}
   */
  public static String json(String text, HttpHeaders headers) {
    if (text == null || text.isBlank()) {
      return null;
    }
    MediaType type = headers.getMediaType();
    if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
      throw new NotSupportedException("a request body must be application/json");
    }
    return text;
  }
}
