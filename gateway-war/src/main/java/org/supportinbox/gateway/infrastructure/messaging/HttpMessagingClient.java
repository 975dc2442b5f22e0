package org.supportinbox.gateway.infrastructure.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.logging.Logger;
import org.supportinbox.auth.Roles;
import org.supportinbox.auth.TokenIssuer;
import org.supportinbox.contracts.rest.NewMessage;
import org.supportinbox.gateway.application.Messaging;
import org.supportinbox.gateway.application.MessagingUnavailableException;
import org.supportinbox.gateway.config.GatewayConfig;
import org.supportinbox.platform.SharedConfig;
import org.supportinbox.platform.Uploads;
import org.supportinbox.platform.WireJson;

/**
 * The {@link Messaging} port over HTTP: messaging's API with the gateway's own short-lived {@code
 * service} token, or, for a route where messaging records who asked, with the caller's own token.
 * Bodies are contracts' records written with the wire's JSON-B. Every call has a connect and a
 * request timeout; when messaging cannot answer, {@link MessagingUnavailableException}, never a
 * hang.
 */
@ApplicationScoped
public class HttpMessagingClient implements Messaging {

  private static final Logger LOG = Logger.getLogger(HttpMessagingClient.class.getName());

  /** Service tokens live this long, and are renewed when less than half of it is left. */
  static final Duration SERVICE_TOKEN_TTL = Duration.ofMinutes(5);

  @Inject GatewayConfig config;

  @Inject SharedConfig shared;

  private volatile HttpClient http;
  private volatile TokenIssuer.Issued serviceToken;

  @Override
  public Answer storeMessage(NewMessage message) {
    return send(
        request("/messages")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(WireJson.JSONB.toJson(message))));
  }

  @Override
  public Answer upload(
      String operatorToken,
      UUID conversationId,
      String sender,
      String encodedName,
      String contentType,
      byte[] bytes) {
    String path = "/conversations/" + conversationId + "/attachments";
    HttpRequest.Builder request =
        operatorToken != null
            ? asCaller(operatorToken, path)
            : request(path + "?sender=" + URLEncoder.encode(sender, StandardCharsets.UTF_8));
    return send(
        request
            .header("Content-Type", contentType)
            .header(Uploads.FILENAME_HEADER, encodedName)
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
  }

  @Override
  public Answer conversations(Map<String, String> parameters) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    parameters.forEach((name, value) -> add(query, name, value));
    return send(request("/conversations" + query).GET());
  }

  @Override
  public Answer counts(String assignee) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    add(query, "assignee", assignee);
    return send(request("/conversations/counts" + query).GET());
  }

  @Override
  public Answer search(Map<String, String> parameters) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    parameters.forEach((name, value) -> add(query, name, value));
    return send(request("/search" + query).GET());
  }

  @Override
  public Answer conversation(UUID id) {
    return send(request("/conversations/" + id).GET());
  }

  @Override
  public Answer changeConversation(UUID id, String body) {
    return send(
        request("/conversations/" + id)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body == null ? "" : body)));
  }

  /**
   * With the caller's verified (and not revoked) bearer token instead of the gateway's, so that
   * messaging sees the operator, not "gateway", as the caller: it records the token's {@code sub}
   * ({@code requested_by} of {@code ai.requested}). Messaging accepts operator tokens, as both
   * services share {@code JWT_SECRET} and {@code JWT_ISSUER}.
   */
  @Override
  public Answer reanalyze(String operatorToken, UUID messageId, String json) {
    return send(
        withOptionalJson(
            asCaller(operatorToken, "/messages/" + messageId + "/reanalyze"), "POST", json));
  }

  @Override
  public Answer relatedConversations(UUID id) {
    return send(request("/conversations/" + id + "/related").GET());
  }

  @Override
  public Answer markRead(String operatorToken, UUID conversationId, String json) {
    return send(
        withOptionalJson(
            asCaller(operatorToken, "/conversations/" + conversationId + "/read"), "PUT", json));
  }

  @Override
  public Answer customerRead(UUID conversationId, String json) {
    return send(
        withOptionalJson(
            request("/conversations/" + conversationId + "/customer-read"), "PUT", json));
  }

  /** {@code method} with the JSON body, or with none (and no Content-Type) when it is null. */
  private static HttpRequest.Builder withOptionalJson(
      HttpRequest.Builder request, String method, String json) {
    if (json == null) {
      return request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return request
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json));
  }

  @Override
  public Answer savedReplies(String operatorToken, String query) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    add(q, "q", query);
    return send(asCaller(operatorToken, "/saved-replies" + q).GET());
  }

  @Override
  public Answer savedReply(String operatorToken, UUID id) {
    return send(asCaller(operatorToken, "/saved-replies/" + id).GET());
  }

  @Override
  public Answer createSavedReply(String operatorToken, String body) {
    return send(
        asCaller(operatorToken, "/saved-replies")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)));
  }

  @Override
  public Answer changeSavedReply(String operatorToken, UUID id, String body) {
    return send(
        asCaller(operatorToken, "/saved-replies/" + id)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body == null ? "" : body)));
  }

  @Override
  public Answer deleteSavedReply(String operatorToken, UUID id) {
    return send(asCaller(operatorToken, "/saved-replies/" + id).DELETE());
  }

  @Override
  public Answer articles(String operatorToken, Map<String, String> parameters) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    parameters.forEach((name, value) -> add(q, name, value));
    return send(asCaller(operatorToken, "/kb/articles" + q).GET());
  }

  @Override
  public Answer article(String operatorToken, UUID id) {
    return send(asCaller(operatorToken, "/kb/articles/" + id).GET());
  }

  @Override
  public Answer createArticle(String operatorToken, String body) {
    return send(
        asCaller(operatorToken, "/kb/articles")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)));
  }

  @Override
  public Answer putArticle(String operatorToken, UUID id, String body) {
    return send(
        asCaller(operatorToken, "/kb/articles/" + id)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)));
  }

  @Override
  public Answer deleteArticle(String operatorToken, UUID id) {
    return send(asCaller(operatorToken, "/kb/articles/" + id).DELETE());
  }

  @Override
  public Answer feedback(String operatorToken, UUID messageId, String body) {
    return send(
        asCaller(operatorToken, "/messages/" + messageId + "/feedback")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)));
  }

  @Override
  public Answer aiQuality(String adminToken, String from, String to) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    add(q, "from", from);
    add(q, "to", to);
    return send(asCaller(adminToken, "/ai-quality" + q).GET());
  }

  @Override
  public Answer reviewCorrection(String adminToken, UUID messageId, String body) {
    return send(
        asCaller(adminToken, "/ai-quality/corrections/" + messageId)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)));
  }

  @Override
  public Download attachment(UUID id, UUID conversationId) {
    String q = conversationId == null ? "" : "?conversation_id=" + conversationId;
    HttpRequest request = request("/attachments/" + id + q).header("Accept", "*/*").GET().build();
    try {
      HttpResponse<byte[]> r = client().send(request, HttpResponse.BodyHandlers.ofByteArray());
      String type = r.headers().firstValue("Content-Type").orElse("");
      if (!isMessagingAnswer(r.statusCode(), type)) {
        LOG.warning(() -> "messaging answered a download with " + r.statusCode() + " " + type);
        throw new MessagingUnavailableException(
            "messaging is not answering; try again shortly",
            new IOException(r.statusCode() + " " + type));
      }
      if (r.statusCode() != 200) {
        return new Download(
            r.statusCode(), new String(r.body(), StandardCharsets.UTF_8), null, null, null);
      }
      return new Download(
          200,
          null,
          r.body(),
          type,
          r.headers().firstValue("Content-Disposition").orElse("attachment"));
    } catch (IOException e) {
      LOG.warning(() -> "messaging did not answer GET " + request.uri() + ": " + e);
      throw new MessagingUnavailableException("messaging is not answering; try again shortly", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MessagingUnavailableException("interrupted while calling messaging", e);
    }
  }

  private static void add(StringJoiner query, String name, String value) {
    if (value != null) {
      query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }

  /**
   * With the caller's verified (and not revoked) token, as {@link #reanalyze}: messaging then sees
   * the operator, checks the operator's role and takes the author from the token.
   */
  private HttpRequest.Builder asCaller(String token, String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(config.messagingUrl() + pathAndQuery))
        .timeout(config.messagingTimeout())
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(config.messagingUrl() + pathAndQuery))
        .timeout(config.messagingTimeout())
        .header("Authorization", "Bearer " + serviceToken())
        .header("Accept", "application/json");
  }

  private Answer send(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    try {
      HttpResponse<String> r = client().send(request, HttpResponse.BodyHandlers.ofString());
      String type = r.headers().firstValue("Content-Type").orElse("");
      if (!isMessagingAnswer(r.statusCode(), type)) {
        LOG.warning(
            () ->
                "messaging answered "
                    + request.method()
                    + " "
                    + request.uri()
                    + " with "
                    + r.statusCode()
                    + " and no JSON ("
                    + type
                    + "): not the service (yet)");
        throw new MessagingUnavailableException(
            "messaging is not answering; try again shortly",
            new IOException(r.statusCode() + " " + type));
      }
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      LOG.warning(
          () -> "messaging did not answer " + request.method() + " " + request.uri() + ": " + e);
      throw new MessagingUnavailableException("messaging is not answering; try again shortly", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MessagingUnavailableException("interrupted while calling messaging", e);
    }
  }

  /**
   * Whether an answer comes from the messaging application itself. Its every error is a JSON body;
   * an error without one comes from the server around it, for example Payara's HTML 404 while
   * messaging restarts and its port is open before the application is deployed. Passing that on
   * would tell a client its message was refused for good, when it only has to try again.
   */
  static boolean isMessagingAnswer(int status, String contentType) {
    return status < 400
        || contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
  }

  private HttpClient client() {
    HttpClient c = http;
    if (c == null) {
      c =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(2))
              .version(HttpClient.Version.HTTP_1_1)
              .build();
      http = c;
    }
    return c;
  }

  private String serviceToken() {
    TokenIssuer.Issued t = serviceToken;
    if (t == null || Instant.now().plus(SERVICE_TOKEN_TTL.dividedBy(2)).isAfter(t.expiresAt())) {
      t =
          shared
              .issuer()
              .issue("gateway", "gateway", Set.of(Roles.SERVICE), SERVICE_TOKEN_TTL, Map.of());
      serviceToken = t;
    }
    return t.token();
  }
}
