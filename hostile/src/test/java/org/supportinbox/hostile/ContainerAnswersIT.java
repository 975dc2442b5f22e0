package org.supportinbox.hostile;

import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the server around the application answers on its own, on the gateway and on messaging, over
 * a raw socket (any bytes a client that is no browser can send): files under {@code WEB-INF/} and
 * {@code META-INF/}, malformed and traversing URIs, an over-long request line and header, TRACE and
 * unknown methods, a servlet's 405, HTTP/1.0 and HTTP/1.1 without {@code Host}.
 *
 * <p>No answer names the product (no {@code Server} or {@code X-Powered-By} header, no "Payara"),
 * shows an HTML error page or a stack trace, or echoes the request. Answers that reach the
 * application ({@link Reach#APPLICATION}) carry every security header, and when they are errors
 * {@code Cache-Control: no-store} and a JSON {@code ErrorBody} (or nothing, for HEAD). Answers
 * Payara gives before any application code runs ({@link Reach#SERVER}: TRACE, a URI it cannot
 * decode or normalise, Grizzly's limits) cannot carry the application's headers; they must be the
 * refusal named here with an empty body (docs/security.md#answers-of-the-server-itself).
 */
class ContainerAnswersIT {

  private static final String SECRET = "x-probe-secret-7f3a";

  private static HostileStack stack;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
  }

  /** Who answers: the application (its filter and error page), or Payara before it. */
  enum Reach {
    APPLICATION,
    SERVER
  }

  /**
   * One request and what must answer it.
   *
   * @param status the status it must get, or 0 for any
   */
  record Case(
      String method,
      String target,
      String version,
      boolean host,
      String extraHeader,
      Reach reach,
      int status) {

    byte[] bytes(int port) {
      StringBuilder r = new StringBuilder();
      r.append(method).append(' ').append(target).append(' ').append(version).append("\r\n");
      if (host) {
        r.append("Host: 127.0.0.1:").append(port).append("\r\n");
      }
      r.append("X-Probe: ").append(SECRET).append("\r\n");
      if (extraHeader != null) {
        r.append(extraHeader).append("\r\n");
      }
      if ("PUT".equals(method) || "POST".equals(method)) {
        r.append("Content-Length: 0\r\n");
      }
      r.append("Connection: close\r\n\r\n");
      return r.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  private static Case app(String method, String target, int status) {
    return new Case(method, target, "HTTP/1.1", true, null, Reach.APPLICATION, status);
  }

  private static Case server(String method, String target, int status) {
    return new Case(method, target, "HTTP/1.1", true, null, Reach.SERVER, status);
  }

  static Stream<Arguments> answers() {
    Map<String, Case> cases = new LinkedHashMap<>();
    // Refused by the servlet container inside the application: its error page answers.
    cases.put("a file under WEB-INF", app("GET", "/WEB-INF/web.xml", 404));
    cases.put("the WEB-INF folder", app("GET", "/WEB-INF/", 404));
    cases.put("a file under META-INF", app("GET", "/META-INF/MANIFEST.MF", 404));
    cases.put("HEAD of a file under WEB-INF", app("HEAD", "/WEB-INF/beans.xml", 404));
    cases.put("an unknown path", app("GET", "/no-such-path", 404));
    cases.put("a JSP that is not there", app("GET", "/x.jsp", 404));
    cases.put("a servlet's 405 (PUT on readiness)", app("PUT", "/health/ready", 405));
    cases.put("an unknown method", app("FOO", "/", 0));
    cases.put("TRACK", app("TRACK", "/", 0));
    cases.put("a path parameter", app("GET", "/;x", 0));
    cases.put("the error page asked for directly", app("GET", "/.error", 404));
    cases.put(
        "HTTP/1.0 without Host",
        new Case("GET", "/health/ready", "HTTP/1.0", false, null, Reach.APPLICATION, 200));
    // Answered by Payara before any application code runs.
    cases.put("TRACE", server("TRACE", "/", 405));
    cases.put("TRACE on a servlet that would echo it", server("TRACE", "/health/ready", 405));
    cases.put("TRACE on the socket's path", server("TRACE", "/ws", 405));
    cases.put("an encoded traversal", server("GET", "/..%2f", 400));
    cases.put("encoded dot segments", server("GET", "/%2e%2e/WEB-INF/web.xml", 400));
    cases.put("an encoded NUL", server("GET", "/a%00b", 400));
    cases.put("a raw NUL", server("GET", "/a\u0000b", 400));
    // A Payara defect: an escape it cannot decode throws past CoyoteAdapter; the answer is an
    // empty 200 (documented), never anything of the application's.
    cases.put("a lone percent sign", server("GET", "/%", 0));
    cases.put("an invalid escape", server("GET", "/%zz", 0));
    cases.put("a 10 KB request line", server("GET", "/" + "a".repeat(10 * 1024), 400));
    cases.put(
        "a 10 KB header",
        new Case(
            "GET",
            "/health/ready",
            "HTTP/1.1",
            true,
            "X-Big: " + "b".repeat(10 * 1024),
            Reach.SERVER,
            400));
    cases.put(
        "HTTP/1.1 without Host",
        new Case("GET", "/health/ready", "HTTP/1.1", false, null, Reach.SERVER, 400));

    List<Arguments> all = new ArrayList<>();
    for (String service : List.of("gateway", "messaging")) {
      cases.forEach((name, c) -> all.add(Arguments.of(service, name, c)));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("answers")
  void namesNoProductShowsNoPageAndCarriesTheHeadersWhereTheApplicationAnswers(
      String service, String name, Case c) throws IOException {
    int port =
        "gateway".equals(service) ? stack.gateway.port() : stack.system.messaging.server().port();
    Answer answer = Answer.exchange(port, c.bytes(port));
    String what = service + ", " + name + ": ";

    // Every fault of an answer at once, so that one run shows all that is wrong with it.
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(answer.statusLine).as(what + "an answer").startsWith("HTTP/1.1 ");
    if (c.status() != 0) {
      soft.assertThat(answer.status).as(what + "status").isEqualTo(c.status());
    }
    soft.assertThat(answer.values("Server")).as(what + "Server header").isEmpty();
    soft.assertThat(answer.values("X-Powered-By")).as(what + "X-Powered-By header").isEmpty();
    String text = answer.raw.toLowerCase(Locale.ROOT);
    soft.assertThat(text)
        .as(what + "no product, version or stack trace")
        .doesNotContain("payara", "glassfish", "grizzly", "exception", "\tat ", "java/");
    soft.assertThat(text).as(what + "the request is not echoed").doesNotContain(SECRET);
    if (answer.status >= 400) {
      soft.assertThat(text).as(what + "no HTML page").doesNotContain("<html", "<!doctype");
    }
    switch (c.reach()) {
      case APPLICATION -> hasTheApplicationsHeaders(soft, what, c, answer);
      case SERVER -> soft.assertThat(answer.body).as(what + "an empty body").isEmpty();
    }
    soft.assertAll();
  }

  private static void hasTheApplicationsHeaders(
      SoftAssertions soft, String what, Case c, Answer answer) {
    soft.assertThat(answer.values("Content-Security-Policy"))
        .as(what + "one Content-Security-Policy")
        .hasSize(1);
    soft.assertThat(answer.first("Content-Security-Policy"))
        .as(what + "Content-Security-Policy")
        .startsWith("default-src 'self';")
        .contains("frame-ancestors 'none'", "object-src 'none'");
    soft.assertThat(answer.values("X-Content-Type-Options"))
        .as(what + "X-Content-Type-Options")
        .containsExactly("nosniff");
    soft.assertThat(answer.values("X-Frame-Options"))
        .as(what + "X-Frame-Options")
        .containsExactly("DENY");
    soft.assertThat(answer.values("Referrer-Policy"))
        .as(what + "Referrer-Policy")
        .containsExactly("no-referrer");
    soft.assertThat(answer.values("Permissions-Policy"))
        .as(what + "Permissions-Policy")
        .containsExactly("camera=(), microphone=(), geolocation=()");
    if (answer.status < 400) {
      return;
    }
    soft.assertThat(answer.values("Cache-Control"))
        .as(what + "Cache-Control")
        .containsExactly("no-store");
    soft.assertThat(answer.values("Content-Type")).as(what + "one Content-Type").hasSize(1);
    soft.assertThat(answer.first("Content-Type"))
        .as(what + "Content-Type")
        .startsWith("application/json");
    String body = new String(answer.body, StandardCharsets.UTF_8);
    if ("HEAD".equals(c.method())) {
      soft.assertThat(body).as(what + "no body for HEAD").isEmpty();
    } else if (body.startsWith("{")) {
      JsonPath error = JsonPath.from(body);
      soft.assertThat(error.getMap(""))
          .as(what + "an ErrorBody")
          .containsOnlyKeys("error", "detail", "field");
      soft.assertThat(error.getString("error")).as(what + "error").isNotBlank();
    } else {
      soft.fail(what + "the body is no JSON ErrorBody: " + body);
    }
  }

  /** One HTTP/1.x answer read to the end of the connection ({@code Connection: close}). */
  private static final class Answer {
    final String raw;
    final String statusLine;
    final int status;
    final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final byte[] body;

    private Answer(byte[] bytes) {
      raw = new String(bytes, StandardCharsets.ISO_8859_1);
      int end = raw.indexOf("\r\n\r\n");
      String head = end < 0 ? raw : raw.substring(0, end);
      String[] lines = head.split("\r\n");
      statusLine = lines[0];
      String[] parts = statusLine.split(" ", 3);
      status = parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1;
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers
              .computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
              .add(lines[i].substring(colon + 1).trim());
        }
      }
      byte[] rest = end < 0 ? new byte[0] : Arrays.copyOfRange(bytes, end + 4, bytes.length);
      body = values("Transfer-Encoding").contains("chunked") ? dechunk(rest) : rest;
    }

    /** Every value of the header {@code name}, in order; empty if it is absent. */
    List<String> values(String name) {
      return headers.getOrDefault(name, List.of());
    }

    /** The first value of the header {@code name}, or null if it is absent. */
    String first(String name) {
      List<String> values = values(name);
      return values.isEmpty() ? null : values.get(0);
    }

    static Answer exchange(int port, byte[] request) throws IOException {
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(15_000);
        OutputStream out = socket.getOutputStream();
        try {
          out.write(request);
          out.flush();
        } catch (IOException e) {
          // A server that refuses an oversized head may answer and close before reading it all:
          // its answer is still there to read.
        }
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
          for (int n; (n = in.read(buffer)) >= 0; ) {
            answer.write(buffer, 0, n);
          }
        } catch (SocketException e) {
          // Reset after the answer: what came before the reset is the answer.
          if (answer.size() == 0) {
            throw e;
          }
        }
        return new Answer(answer.toByteArray());
      }
    }

    private static byte[] dechunk(byte[] chunked) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int at = 0;
      while (at < chunked.length) {
        int lineEnd = indexOf(chunked, at);
        String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
        int length = Integer.parseInt(size.split(";")[0].trim(), 16);
        if (length == 0) {
          break;
        }
        out.write(chunked, lineEnd + 2, length);
        at = lineEnd + 2 + length + 2;
      }
      return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
      for (int i = from; i + 1 < bytes.length; i++) {
        if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
          return i;
        }
      }
      throw new IllegalStateException("a chunk size line without its CRLF");
    }
  }
}
