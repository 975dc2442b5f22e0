package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.WebSocketCuttingProxy;

/** The proxy the outage test relies on, against a plain HTTP server: what it passes and cuts. */
class WebSocketCuttingProxyTest {

  private static final String UPGRADE =
      "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

  private HttpServer upstream;
  private WebSocketCuttingProxy proxy;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws IOException {
    upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    upstream.createContext(
        "/",
        exchange -> {
          byte[] in = exchange.getRequestBody().readAllBytes();
          byte[] body =
              (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + in.length)
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    upstream.start();
    proxy = new WebSocketCuttingProxy().forwardTo("127.0.0.1", upstream.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    proxy.close();
    upstream.stop(0);
  }

  private String get(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(proxy.origin() + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private String post(String path, String body) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(proxy.origin() + path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static String firstLine(Socket s) throws IOException {
    s.setSoTimeout(10_000);
    InputStream in = s.getInputStream();
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\r') {
      line.append((char) b);
    }
    return line.toString();
  }

  @Test
  void plainRequestsPassWithTheirBodiesOnOneConnectionWhetherWebSocketsAreUpOrDown()
      throws Exception {
    assertThat(post("/a", "12345")).isEqualTo("POST /a 5");
    assertThat(get("/b")).isEqualTo("GET /b 0");
    proxy.webSocketsDown();
    assertThat(post("/c", "1234567890")).isEqualTo("POST /c 10");
    assertThat(get("/d?x=1")).isEqualTo("GET /d?x=1 0");
  }

  @Test
  void whileDownAnUpgradeIsAnswered503AndAfterwardsItIsForwarded() throws Exception {
    proxy.webSocketsDown();
    try (Socket s = new Socket("127.0.0.1", proxy.port())) {
      s.getOutputStream().write(UPGRADE.getBytes(StandardCharsets.US_ASCII));
      assertThat(firstLine(s)).isEqualTo("HTTP/1.1 503 Service Unavailable");
    }
    assertThat(proxy.upgradesRefused()).isEqualTo(1);

    proxy.webSocketsUp();
    try (Socket s = new Socket("127.0.0.1", proxy.port())) {
      s.getOutputStream().write(UPGRADE.getBytes(StandardCharsets.US_ASCII));
      // The plain server answers it as any GET: the request went through.
      assertThat(firstLine(s)).isEqualTo("HTTP/1.1 200 OK");
    }
    assertThat(proxy.upgradesPassed()).isEqualTo(1);
  }

  @Test
  void goingDownDropsTheUpgradedConnectionsOnly() throws Exception {
    try (Socket upgraded = new Socket("127.0.0.1", proxy.port())) {
      upgraded.getOutputStream().write(UPGRADE.getBytes(StandardCharsets.US_ASCII));
      assertThat(firstLine(upgraded)).isEqualTo("HTTP/1.1 200 OK");
      assertThat(get("/before")).isEqualTo("GET /before 0");

      proxy.webSocketsDown();

      upgraded.setSoTimeout(10_000);
      InputStream in = upgraded.getInputStream();
      int b;
      do {
        b = in.read(); // the rest of the 200, then the end of the stream
      } while (b >= 0);
      assertThat(get("/after")).isEqualTo("GET /after 0");
    }
  }
}
