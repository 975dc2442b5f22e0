package org.supportinbox.platform;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.supportinbox.contracts.rest.ErrorBody;

/**
 * Error answers: always JSON {@link ErrorBody}, with {@code Cache-Control: no-store} (an error can
 * name the caller's data; no browser or proxy keeps it).
 */
public final class Errors {

  private Errors() {}

  public static Response response(Response.StatusType status, ErrorBody body) {
    return json(Response.status(status), body);
  }

  public static Response response(int status, ErrorBody body) {
    return json(Response.status(status), body);
  }

  private static Response json(Response.ResponseBuilder builder, ErrorBody body) {
    return builder
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .entity(body)
        .build();
  }

  /** The {@link ErrorBody#error()} of an answer that has only its HTTP status to go by. */
  public static String code(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 406 -> "not_acceptable";
      case 413 -> "payload_too_large";
      case 409 -> "conflict";
      case 415 -> "unsupported_media_type";
      case 429 -> "too_many_requests";
      default -> status >= 500 ? "internal_error" : "bad_request";
    };
  }
}
