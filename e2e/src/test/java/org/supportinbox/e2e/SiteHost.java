package org.supportinbox.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A company's website on a loopback origin of its own (another port), whose pages embed the chat
 * widget with the one tag the docs give: {@code /} and {@code /other} (to navigate between), each
 * with {@code <script src="<inbox>/widget.js" async>}. The JDK's HTTP server, bound to 127.0.0.1.
 */
final class SiteHost implements AutoCloseable {

  private final HttpServer server;

  private SiteHost(HttpServer server) {
    this.server = server;
  }

  /** A site on a free port; its pages load the widget from {@code inboxOrigin}. */
  static SiteHost start(String name, String inboxOrigin) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    for (String page : new String[] {"/", "/other"}) {
      server.createContext(
          page,
          exchange -> {
            boolean known =
                exchange.getRequestURI().getPath().equals(page)
                    && "GET".equals(exchange.getRequestMethod());
            byte[] body =
                (known ? page(name, page, inboxOrigin) : "not found")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
    }
    server.start();
    return new SiteHost(server);
  }

  private static String page(String name, String path, String inboxOrigin) {
    String other = path.equals("/") ? "/other" : "/";
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + name
        + "</title></head><body style=\"font-family: sans-serif; margin: 40px\">"
        + "<h1>"
        + name
        + "</h1><p>Garden tools and seeds, shipped in two days.</p>"
        + "<p><a id=\"nav\" href=\""
        + other
        + "\">Another page of the shop</a></p>"
        + "<script src=\""
        + inboxOrigin
        + "/widget.js\" async></script></body></html>";
  }

  /** {@code http://127.0.0.1:<port>}. */
  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
