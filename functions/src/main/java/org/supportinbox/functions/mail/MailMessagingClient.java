package org.supportinbox.functions.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.supportinbox.auth.MailFunctionTokens;
import org.supportinbox.auth.Roles;
import org.supportinbox.auth.TokenIssuer;
import org.supportinbox.contracts.rest.DeliveryReport;
import org.supportinbox.contracts.rest.EmailDeliveryView;
import org.supportinbox.contracts.rest.InboundEmail;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.contracts.rest.OutboundEmail;
import org.supportinbox.functions.runtime.Json;

/**
 * Messaging's {@code /email} routes (messaging-war/README.md), with a token the replica signs
 * itself with {@code MAIL_FUNCTION_SECRET} (auth's {@code MailFunctionTokens}): messaging grants it
 * the role {@code mail_function}, which reaches these routes and nothing else.
 */
class MailMessagingClient {

  /** Messaging did not answer, or answered 5xx, 401, 403 or 429: worth trying again later. */
  static final class UnavailableException extends Exception {
    UnavailableException(String message) {
      super(message);
    }
  }

  /** Messaging refused the request for good (another 4xx). */
  static final class RefusedException extends Exception {
    final int status;

    RefusedException(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** What {@code POST /email/inbound} answered: the message, and whether it was stored now. */
  record Stored(MessageView message, boolean created) {}

  private static final Duration TOKEN_TTL = Duration.ofHours(1);

  private final String baseUrl;
  private final TokenIssuer issuer;
  private final String serviceName;
  private final Duration timeout;
  private final HttpClient http;
  private TokenIssuer.Issued token;

  MailMessagingClient(String baseUrl, String secret, String serviceName, Duration timeout) {
    this.baseUrl = baseUrl;
    this.issuer = MailFunctionTokens.issuer(secret);
    this.serviceName = serviceName;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  Stored inbound(InboundEmail mail) throws UnavailableException, RefusedException {
    HttpResponse<String> response = send(post("/email/inbound", mail));
    check(response);
    return new Stored(read(response, MessageView.class), response.statusCode() == 201);
  }

  OutboundEmail claim(UUID messageId) throws UnavailableException, RefusedException {
    HttpResponse<String> response =
        send(
            request("/email/deliveries/" + messageId + "/claim")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    check(response);
    return read(response, OutboundEmail.class);
  }

  /**
   * The bytes of the reply {@code messageId}'s file {@code attachmentId}, read with a bound: more
   * than {@code maxBytes} is refused (messaging stores none that large).
   */
  byte[] attachment(UUID messageId, UUID attachmentId, long maxBytes)
      throws UnavailableException, RefusedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    baseUrl + "/email/deliveries/" + messageId + "/attachments/" + attachmentId))
            .timeout(timeout)
            .header("Accept", "application/octet-stream, application/json")
            .header("Authorization", "Bearer " + token())
            .GET()
            .build();
    HttpResponse<java.io.InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new UnavailableException("GET " + request.uri().getPath() + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted");
    }
    try (java.io.InputStream in = response.body()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (response.statusCode() == 200 && bytes.length > maxBytes) {
        throw new RefusedException(
            413, "attachment " + attachmentId + " is larger than " + maxBytes + " bytes");
      }
      check(
          response.statusCode(),
          request,
          new String(
              bytes, 0, Math.min(bytes.length, 2_000), java.nio.charset.StandardCharsets.UTF_8));
      return bytes;
    } catch (IOException e) {
      throw new UnavailableException("GET " + request.uri().getPath() + " failed: " + e);
    }
  }

  EmailDeliveryView report(UUID messageId, DeliveryReport report)
      throws UnavailableException, RefusedException {
    HttpResponse<String> response =
        send(post("/email/deliveries/" + messageId + "/report", report));
    check(response);
    return read(response, EmailDeliveryView.class);
  }

  private HttpRequest post(String path, Object body) {
    try {
      return request(path)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + body.getClass().getSimpleName(), e);
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(timeout)
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + token());
  }

  /**
   * The replica's token (subject: its worker name), signed again five minutes before it expires.
   */
  private synchronized String token() {
    if (token == null || token.expiresAt().isBefore(Instant.now().plus(Duration.ofMinutes(5)))) {
      token =
          issuer.issue(serviceName, serviceName, Set.of(Roles.MAIL_FUNCTION), TOKEN_TTL, Map.of());
    }
    return token.token();
  }

  private HttpResponse<String> send(HttpRequest request) throws UnavailableException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UnavailableException(
          request.method() + " " + request.uri().getPath() + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted");
    }
  }

  private static void check(HttpResponse<String> response)
      throws UnavailableException, RefusedException {
    check(response.statusCode(), response.request(), response.body());
  }

  private static void check(int status, HttpRequest request, String body)
      throws UnavailableException, RefusedException {
    if (status >= 200 && status < 300) {
      return;
    }
    String what =
        request.method()
            + " "
            + request.uri().getPath()
            + " answered "
            + status
            + ": "
            + clip(body);
    if (status >= 500 || status == 401 || status == 403 || status == 429) {
      // 401/403: MAIL_FUNCTION_SECRET differs from messaging's, or messaging has none (the email
      // channel is off there). An operator can fix that, so the work waits.
      throw new UnavailableException(what);
    }
    throw new RefusedException(status, what);
  }

  private static <T> T read(HttpResponse<String> response, Class<T> type)
      throws UnavailableException {
    try {
      return Json.MAPPER.readValue(response.body(), type);
    } catch (JsonProcessingException e) {
      throw new UnavailableException("unreadable answer from messaging: " + e.getOriginalMessage());
    }
  }

  private static String clip(String text) {
    return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
