package org.supportinbox.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.supportinbox.contracts.rest.ConversationStart;
import org.supportinbox.contracts.rest.Credentials;
import org.supportinbox.contracts.rest.CustomerMessage;
import org.supportinbox.contracts.rest.CustomerMessageView;
import org.supportinbox.contracts.rest.CustomerStart;
import org.supportinbox.contracts.rest.LoginResult;

/**
 * A customer of the gateway's customer API, as the chat widget is one (the JDK's HTTP/1.1 client,
 * the contracts' records on the wire): start a conversation, send into it, for the tools that need
 * an operator's token also {@code POST /login}. Each call is one request ({@link #start}, {@link
 * #send}: anything but the expected answer throws), or retried the way a real chat client retries
 * ({@link #retried}): the same request, with the same idempotency key, again after a failure, a
 * {@code 5xx} or a {@code 429}, 200 ms later doubling to 5 s (with jitter), until another answer or
 * until it gives up.
 */
public final class CustomerClient {

  private static final long FIRST_BACKOFF_MILLIS = 200;
  private static final long LAST_BACKOFF_MILLIS = 5_000;

  /** What a retried request came to: the last answer, or null when it gave up. */
  public record Outcome(HttpResponse<String> response, int attempts, String lastFailure) {

    public boolean accepted() {
      return response != null && response.statusCode() >= 200 && response.statusCode() < 300;
    }
  }

  private final String baseUrl;
  private final Duration requestTimeout;
  private final HttpClient http =
      HttpClient.newBuilder()
          // HTTP/1.1 as browsers speak it here; the JDK's default h2c upgrade attempt is not.
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** The gateway at {@code baseUrl} ({@code http://host:port}); each request waits 15 s at most. */
  public CustomerClient(String baseUrl) {
    this(baseUrl, Duration.ofSeconds(15));
  }

  public CustomerClient(String baseUrl, Duration requestTimeout) {
    this.baseUrl = baseUrl;
    this.requestTimeout = requestTimeout;
  }

  /** {@code POST /customer/conversations}. */
  public HttpRequest startRequest(ConversationStart start) {
    return post("/customer/conversations", null, start);
  }

  /** {@code POST /customer/messages} with the customer's token. */
  public HttpRequest sendRequest(String customerToken, CustomerMessage message) {
    return post("/customer/messages", customerToken, message);
  }

  /** A new conversation ({@code 201}), one request. */
  public CustomerStart start(String name, String content) {
    return started(call(startRequest(new ConversationStart(name, null, content, null))));
  }

  /**
   * A new conversation, retried ({@link #retried}) for at most {@code giveUp}; {@code 200} is a
   * retry whose first attempt had started it after all (the start carries a {@code
   * client_message_id}). {@code onFailure} hears of each failed attempt (kind, detail).
   */
  public CustomerStart start(
      ConversationStart start, Duration giveUp, BiConsumer<String, String> onFailure) {
    return start(startRequest(start), giveUp, onFailure);
  }

  /** {@link #start(ConversationStart, Duration, BiConsumer)} with the whole request. */
  public CustomerStart start(
      HttpRequest startRequest, Duration giveUp, BiConsumer<String, String> onFailure) {
    Outcome o = retried(startRequest, giveUp, onFailure).join();
    if (o.response() == null) {
      throw new IllegalStateException(
          "no conversation after " + o.attempts() + " attempts: " + o.lastFailure());
    }
    return started(o.response());
  }

  private static CustomerStart started(HttpResponse<String> r) {
    if (r.statusCode() != 201 && r.statusCode() != 200) {
      throw new IllegalStateException(
          "POST /customer/conversations: HTTP " + r.statusCode() + " " + r.body());
    }
    return JsonWire.read(r.body(), CustomerStart.class);
  }

  /** A message into the token's conversation ({@code 201}), one request. */
  public CustomerMessageView send(String customerToken, String content) {
    return send(customerToken, new CustomerMessage(content, null));
  }

  /** {@link #send(String, String)} with the whole request, e.g. an idempotency key. */
  public CustomerMessageView send(String customerToken, CustomerMessage message) {
    HttpResponse<String> r = call(sendRequest(customerToken, message));
    if (r.statusCode() != 201) {
      throw new IllegalStateException(
          "POST /customer/messages: HTTP " + r.statusCode() + " " + r.body());
    }
    return JsonWire.read(r.body(), CustomerMessageView.class);
  }

  /** {@code POST /login} as an operator: the access token. */
  public String login(String username, String password) {
    HttpResponse<String> r = call(post("/login", null, new Credentials(username, password)));
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login as " + username + ": HTTP " + r.statusCode());
    }
    return JsonWire.read(r.body(), LoginResult.class).accessToken();
  }

  /**
   * {@code request}, sent again after a failure, a {@code 5xx} or a {@code 429} (each told to
   * {@code onFailure} as kind and detail: the exception's class or {@code HTTP <status>}) until
   * another answer, or until {@code giveUp} has passed since the first attempt.
   */
  public CompletableFuture<Outcome> retried(
      HttpRequest request, Duration giveUp, BiConsumer<String, String> onFailure) {
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    attempt(
        request, System.nanoTime() + giveUp.toNanos(), 1, FIRST_BACKOFF_MILLIS, onFailure, done);
    return done;
  }

  private void attempt(
      HttpRequest request,
      long deadline,
      int n,
      long backoffMillis,
      BiConsumer<String, String> onFailure,
      CompletableFuture<Outcome> done) {
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .whenComplete(
            (r, failure) -> {
              String kind;
              String detail;
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                kind = cause.getClass().getSimpleName();
                detail = cause.toString();
              } else if (r.statusCode() < 500 && r.statusCode() != 429) {
                done.complete(new Outcome(r, n, null));
                return;
              } else {
                kind = "HTTP " + r.statusCode();
                detail = kind + " " + r.body();
              }
              onFailure.accept(kind, detail);
              if (System.nanoTime() - deadline > 0) {
                done.complete(new Outcome(null, n, detail));
                return;
              }
              long jittered =
                  backoffMillis / 2 + ThreadLocalRandom.current().nextLong(backoffMillis / 2 + 1);
              CompletableFuture.delayedExecutor(jittered, TimeUnit.MILLISECONDS)
                  .execute(
                      () ->
                          attempt(
                              request,
                              deadline,
                              n + 1,
                              Math.min(LAST_BACKOFF_MILLIS, backoffMillis * 2),
                              onFailure,
                              done));
            });
  }

  /**
   * {@code request} as a reverse proxy would pass it on for the client at {@code address}: with
   * {@code X-Forwarded-For}, which a gateway reads only from a peer in its {@code TRUSTED_PROXIES}.
   */
  public static HttpRequest forwardedFor(HttpRequest request, String address) {
    return HttpRequest.newBuilder(request, (name, value) -> true)
        .header("X-Forwarded-For", address)
        .build();
  }

  private HttpRequest post(String path, String token, Object body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JsonWire.write(body)));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.build();
  }

  private HttpResponse<String> call(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + request.uri(), e);
    }
  }
}
