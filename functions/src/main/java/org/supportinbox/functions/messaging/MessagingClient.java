package org.supportinbox.functions.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.supportinbox.auth.Roles;
import org.supportinbox.auth.TokenIssuer;
import org.supportinbox.contracts.rest.AiInsightView;
import org.supportinbox.contracts.rest.AnswerPassagesDraft;
import org.supportinbox.contracts.rest.ArticleView;
import org.supportinbox.contracts.rest.ConversationAnswers;
import org.supportinbox.contracts.rest.InsightReport;
import org.supportinbox.contracts.rest.MessageContext;
import org.supportinbox.contracts.rest.PassagePage;
import org.supportinbox.contracts.rest.PassageSetDraft;
import org.supportinbox.functions.runtime.Json;

/**
 * Messaging's REST API as the functions use it (messaging-war/README.md: {@code GET
 * /messages/{id}/context}, {@code POST /ai-insights}; for the knowledge base {@code GET
 * /kb/articles/{id}}, {@code PUT /kb/passages/{article_id}} and {@code GET /kb/passages}), with a
 * token the replica signs itself with {@code AI_FUNCTION_SECRET} (auth's {@code AiFunctionTokens}):
 * messaging grants it the role {@code ai_function}, which reaches these routes and nothing else.
 */
public final class MessagingClient {

  /** Messaging did not answer, or answered 5xx, 401 or 403: worth trying again later. */
  public static final class UnavailableException extends Exception {
    UnavailableException(String message) {
      super(message);
    }
  }

  /** Messaging refused the request for good (4xx other than 401, 403, 404). */
  public static final class RefusedException extends Exception {
    RefusedException(String message) {
      super(message);
    }
  }

  private static final Duration TOKEN_TTL = Duration.ofHours(1);

  private final String baseUrl;
  private final TokenIssuer issuer;
  private final String serviceName;
  private final Duration timeout;
  private final HttpClient http;
  private TokenIssuer.Issued token;

  public MessagingClient(String baseUrl, TokenIssuer issuer, String serviceName, Duration timeout) {
    this.baseUrl = baseUrl;
    this.issuer = issuer;
    this.serviceName = serviceName;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * The message and up to {@code limit} earlier ones; empty when messaging says it has no such
   * message ({@code 404 message_not_found}).
   */
  public Optional<MessageContext> context(UUID messageId, int limit)
      throws UnavailableException, RefusedException {
    HttpRequest request =
        request("/messages/" + messageId + "/context?limit=" + limit).GET().build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() == 404 && response.body().contains("\"message_not_found\"")) {
      return Optional.empty();
    }
    if (response.statusCode() == 404) {
      // Not the answer about the message: MESSAGING_URL points at something else, or at a
      // messaging without this route. Waiting is right; dead-lettering every event is not.
      throw new UnavailableException(
          "GET /messages/{id}/context is not served at " + baseUrl + ": " + clip(response.body()));
    }
    check(response);
    return Optional.of(read(response, MessageContext.class));
  }

  /** Stores an insight report ({@code POST /ai-insights}); the stored insight. */
  public AiInsightView store(InsightReport report) throws UnavailableException, RefusedException {
    HttpResponse<String> response = send(withBody("POST", "/ai-insights", report));
    check(response);
    return read(response, AiInsightView.class);
  }

  /** The article; empty when messaging has none with this id ({@code 404 article_not_found}). */
  public Optional<ArticleView> article(UUID articleId)
      throws UnavailableException, RefusedException {
    HttpResponse<String> response = send(request("/kb/articles/" + articleId).GET().build());
    if (response.statusCode() == 404 && response.body().contains("\"article_not_found\"")) {
      return Optional.empty();
    }
    if (response.statusCode() == 404) {
      throw new UnavailableException(
          "GET /kb/articles/{id} is not served at " + baseUrl + ": " + clip(response.body()));
    }
    check(response);
    return Optional.of(read(response, ArticleView.class));
  }

  /** What {@link #storePassages} came to. */
  public enum Stored {
    /** Stored: the index holds these passages for the article now. */
    STORED,
    /** The article is at another version by now: a newer {@code article.changed} follows. */
    STALE,
    /** The article does not exist any more: its deletion left a tombstone already. */
    GONE
  }

  /** Stores the passages of one article version ({@code PUT /kb/passages/{article_id}}). */
  public Stored storePassages(UUID articleId, PassageSetDraft draft)
      throws UnavailableException, RefusedException {
    return storeSet("/kb/passages/" + articleId, draft, "article_not_found");
  }

  /**
   * A conversation's operator answers ({@code GET /conversations/{id}/answers}); empty when there
   * is no such conversation.
   */
  public Optional<ConversationAnswers> answers(UUID conversationId)
      throws UnavailableException, RefusedException {
    HttpResponse<String> response =
        send(request("/conversations/" + conversationId + "/answers").GET().build());
    if (response.statusCode() == 404 && response.body().contains("\"conversation_not_found\"")) {
      return Optional.empty();
    }
    check(response);
    return Optional.of(read(response, ConversationAnswers.class));
  }

  /** Stores the passages of a resolved conversation's answers ({@code PUT /kb/answers/{id}}). */
  public Stored storeAnswers(UUID conversationId, AnswerPassagesDraft draft)
      throws UnavailableException, RefusedException {
    // 409: the conversation is not resolved any more, which a later resolution indexes again.
    return storeSet("/kb/answers/" + conversationId, draft, "conversation_not_found");
  }

  /**
   * A {@code PUT} of a passage set: {@code 404 <gone>} is {@link Stored#GONE}, {@code 409} {@link
   * Stored#STALE}; any other 404 means the route is not served there, worth trying again later.
   */
  private Stored storeSet(String path, Object draft, String gone)
      throws UnavailableException, RefusedException {
    HttpResponse<String> response = send(withBody("PUT", path, draft));
    if (response.statusCode() == 404 && response.body().contains("\"" + gone + "\"")) {
      return Stored.GONE;
    }
    if (response.statusCode() == 404) {
      throw new UnavailableException(
          "PUT " + path + " is not served at " + baseUrl + ": " + clip(response.body()));
    }
    if (response.statusCode() == 409) {
      return Stored.STALE;
    }
    check(response);
    return Stored.STORED;
  }

  /** The index's changes after {@code revision} ({@code GET /kb/passages}). */
  public PassagePage passagesAfter(long revision, int limit)
      throws UnavailableException, RefusedException {
    HttpResponse<String> response =
        send(request("/kb/passages?after=" + revision + "&limit=" + limit).GET().build());
    check(response);
    return read(response, PassagePage.class);
  }

  /** A request with {@code body} as its JSON. */
  private HttpRequest withBody(String method, String path, Object body) {
    try {
      return request(path)
          .header("Content-Type", "application/json")
          .method(
              method, HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
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

  /** The replica's token (subject: its name), signed again five minutes before it expires. */
  private synchronized String token() {
    if (token == null || token.expiresAt().isBefore(Instant.now().plus(Duration.ofMinutes(5)))) {
      token =
          issuer.issue(serviceName, serviceName, Set.of(Roles.AI_FUNCTION), TOKEN_TTL, Map.of());
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
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String what =
        response.request().method()
            + " "
            + response.request().uri().getPath()
            + " answered "
            + status
            + ": "
            + clip(response.body());
    if (status >= 500 || status == 401 || status == 403 || status == 429) {
      // 401/403: the token is not accepted (AI_FUNCTION_SECRET differs from messaging's). An
      // operator can fix that, so the event waits instead of being dropped.
      throw new UnavailableException(what);
    }
    throw new RefusedException(what);
  }

  private static <T> T read(HttpResponse<String> response, Class<T> type) throws RefusedException {
    try {
      return Json.MAPPER.readValue(response.body(), type);
    } catch (JsonProcessingException e) {
      throw new RefusedException("unreadable answer from messaging: " + e.getOriginalMessage());
    }
  }

  private static String clip(String text) {
    return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
