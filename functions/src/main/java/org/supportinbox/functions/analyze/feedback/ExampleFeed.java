package org.supportinbox.functions.analyze.feedback;

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
import org.supportinbox.auth.Roles;
import org.supportinbox.auth.TokenIssuer;
import org.supportinbox.contracts.rest.AiExamplePage;
import org.supportinbox.functions.runtime.Json;

/**
 * Where the reviewed corrections come from: messaging's {@code GET /ai/examples?after=N} in the
 * function, a list in tests. A port: the one real implementation speaks HTTP.
 */
public interface ExampleFeed {

  /** The decisions after feed position {@code after}; {@link IOException} when it cannot tell. */
  AiExamplePage after(long after) throws IOException;

  /**
   * Messaging's feed, with a token the replica signs itself with {@code AI_FUNCTION_SECRET}
   * (messaging grants it the role {@code ai_function}, as for {@code GET /messages/{id}/context}).
   */
  static ExampleFeed messaging(String baseUrl, TokenIssuer issuer, String serviceName) {
    return new Http(baseUrl, issuer, serviceName);
  }

  /** {@link ExampleFeed} over HTTP. */
  final class Http implements ExampleFeed {

    static final int PAGE = 500;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TOKEN_TTL = Duration.ofHours(1);

    private final String baseUrl;
    private final TokenIssuer issuer;
    private final String serviceName;
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TokenIssuer.Issued token;

    Http(String baseUrl, TokenIssuer issuer, String serviceName) {
      this.baseUrl = baseUrl;
      this.issuer = issuer;
      this.serviceName = serviceName;
    }

    @Override
    public AiExamplePage after(long after) throws IOException {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(baseUrl + "/ai/examples?after=" + after + "&limit=" + PAGE))
              .timeout(TIMEOUT)
              .header("Accept", "application/json")
              .header("Authorization", "Bearer " + token())
              .GET()
              .build();
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      if (response.statusCode() != 200) {
        String body = response.body();
        throw new IOException(
            "GET /ai/examples answered "
                + response.statusCode()
                + ": "
                + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
      }
      try {
        return Json.MAPPER.readValue(response.body(), AiExamplePage.class);
      } catch (JsonProcessingException e) {
        throw new IOException("unreadable answer of GET /ai/examples: " + e.getOriginalMessage());
      }
    }

    /** The replica's token, signed again five minutes before it expires. */
    private synchronized String token() {
      if (token == null || token.expiresAt().isBefore(Instant.now().plus(Duration.ofMinutes(5)))) {
        token =
            issuer.issue(serviceName, serviceName, Set.of(Roles.AI_FUNCTION), TOKEN_TTL, Map.of());
      }
      return token.token();
    }
  }
}
