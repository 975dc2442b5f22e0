package org.supportinbox.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP/1.1 proxy that can take WebSockets away while plain HTTP keeps working, as a
 * network that breaks long-lived connections does. It reads each request head from the client and
 * forwards bytes unchanged ({@code Host} and {@code Origin} included, so the upstream sees the
 * proxy's origin). {@link #webSocketsDown()} drops every upgraded connection and answers each new
 * request carrying {@code Upgrade: websocket} with {@code 503}; {@link #webSocketsUp()} lets them
 * through again.
 *
 * <p>The port is bound at construction and the target set later ({@link #forwardTo}), so the
 * proxy's origin can be configured into the upstream (e.g. {@code ALLOWED_ORIGINS}) before the
 * upstream starts. Request bodies must carry {@code Content-Length}; a chunked body switches the
 * connection to plain byte forwarding (as browsers never send one, fine for tests).
 */
public final class WebSocketCuttingProxy implements AutoCloseable {

  private static final int MAX_HEAD = 64 * 1024;
  private static final Pattern CONTENT_LENGTH =
      Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");
  private static final Pattern UPGRADE_WEBSOCKET =
      Pattern.compile("(?im)^upgrade:[^\\r\\n]*\\bwebsocket\\b");
  private static final Pattern CHUNKED =
      Pattern.compile("(?im)^transfer-encoding:[^\\r\\n]*\\bchunked\\b");

  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<Socket> webSockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger upgradesRefused = new AtomicInteger();
  private final AtomicInteger upgradesPassed = new AtomicInteger();
  private volatile String targetHost;
  private volatile int targetPort;
  private volatile boolean webSocketsDown;
  private volatile boolean closed;

  /** Binds a free loopback port; nothing is forwarded until {@link #forwardTo}. */
  public WebSocketCuttingProxy() throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread acceptor = new Thread(this::accept, "ws-cutting-proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public WebSocketCuttingProxy forwardTo(String host, int port) {
    this.targetHost = host;
    this.targetPort = port;
    return this;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The origin of pages loaded through the proxy, e.g. {@code http://127.0.0.1:41234}. */
  public String origin() {
    return "http://127.0.0.1:" + port();
  }

  /** Drops the open WebSockets and refuses new upgrades with 503; plain HTTP still passes. */
  public void webSocketsDown() {
    webSocketsDown = true;
    for (Socket s : webSockets) {
      closeQuietly(s);
    }
    webSockets.clear();
  }

  public void webSocketsUp() {
    webSocketsDown = false;
  }

  /** Upgrade requests answered 503 so far. */
  public int upgradesRefused() {
    return upgradesRefused.get();
  }

  /** Upgrade requests forwarded so far. */
  public int upgradesPassed() {
    return upgradesPassed.get();
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    for (Socket s : open) {
      closeQuietly(s);
    }
    open.clear();
    webSockets.clear();
  }

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      open.add(client);
      Thread t = new Thread(() -> serve(client), "ws-cutting-proxy-conn");
      t.setDaemon(true);
      t.start();
    }
  }

  /** Client to upstream, request by request, until an upgrade makes it a byte stream. */
  private void serve(Socket client) {
    Socket upstream = null;
    try {
      InputStream in = new BufferedInputStream(client.getInputStream());
      while (true) {
        byte[] head = readHead(in);
        if (head == null) {
          return; // client done (or head too large: dropped)
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        boolean upgrade = UPGRADE_WEBSOCKET.matcher(text).find();
        if (upgrade && webSocketsDown) {
          upgradesRefused.incrementAndGet();
          refuse(client);
          return;
        }
        if (upstream == null) {
          if (targetHost == null) {
            return; // no target yet: like a refused connection
          }
          upstream = new Socket(targetHost, targetPort);
          open.add(upstream);
          pump(upstream, client);
        }
        OutputStream out = upstream.getOutputStream();
        out.write(head);
        if (upgrade) {
          upgradesPassed.incrementAndGet();
          webSockets.add(client);
          webSockets.add(upstream);
          copy(in, out, Long.MAX_VALUE);
          return;
        }
        if (CHUNKED.matcher(text).find()) {
          copy(in, out, Long.MAX_VALUE);
          return;
        }
        Matcher length = CONTENT_LENGTH.matcher(text);
        if (length.find()) {
          copy(in, out, Long.parseLong(length.group(1)));
        }
        out.flush();
      }
    } catch (IOException e) {
      // either side went away (or was cut): close both below
    } finally {
      drop(client);
      if (upstream != null) {
        drop(upstream);
      }
    }
  }

  private static void refuse(Socket client) throws IOException {
    byte[] body = "WebSockets are down (test proxy)\n".getBytes(StandardCharsets.US_ASCII);
    String head =
        "HTTP/1.1 503 Service Unavailable\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "Content-Length: "
            + body.length
            + "\r\n"
            + "Connection: close\r\n\r\n";
    OutputStream out = client.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  /** The bytes up to and including the blank line ending a request head; null at end of stream. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
    int matched = 0; // of "\r\n\r\n"
    while (true) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      if (head.size() > MAX_HEAD) {
        return null;
      }
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toByteArray();
      }
    }
  }

  private static void copy(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    long left = limit;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        if (limit != Long.MAX_VALUE) {
          throw new IOException("client closed inside a request body");
        }
        return;
      }
      out.write(buffer, 0, n);
      out.flush();
      left -= n;
    }
  }

  /** Upstream to client, bytes as they come. */
  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              try {
                copy(from.getInputStream(), to.getOutputStream(), Long.MAX_VALUE);
              } catch (IOException e) {
                // one side went away (or was cut): close both below
              } finally {
                drop(from);
                drop(to);
              }
            },
            "ws-cutting-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void drop(Socket s) {
    closeQuietly(s);
    open.remove(s);
    webSockets.remove(s);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // already closed
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "WebSocketCuttingProxy[%s -> %s:%d, webSockets %s]",
        origin(),
        targetHost,
        targetPort,
        webSocketsDown ? "down" : "up");
  }
}
