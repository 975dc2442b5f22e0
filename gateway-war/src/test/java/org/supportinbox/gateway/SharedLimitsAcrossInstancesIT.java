package org.supportinbox.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.CustomerClient;
import org.supportinbox.testing.GatewaySocket;
import org.supportinbox.testing.GatewayUnderTest;
import org.supportinbox.testing.InboxStack;
import org.supportinbox.testing.PayaraMicro;
import org.supportinbox.testing.TcpProxy;
import org.supportinbox.testing.TestDatabase;

/**
 * Two gateway instances on one database of their own (so no other test spends their buckets): a
 * client spreading its requests over both is limited after the same count as on one instance, for
 * logins, conversation starts and customer messages (per token and per address), and a user's
 * sockets over both are refused past {@code WS_MAX_SOCKETS_PER_USER}. A third instance, cut off
 * from the database and then killed, answers 503 rather than let a login through unlimited, and its
 * sockets stop counting once it has missed its heartbeats. Each test sends from a loopback address
 * of its own (127.0.0.x), so their per-address buckets are apart.
 */
class SharedLimitsAcrossInstancesIT {

  static final int LOGIN_RATE = 6;
  static final int START_RATE = 4;
  static final int MESSAGE_RATE = 5;
  static final int ADDRESS_MESSAGE_RATE = 8;
  static final int READ_RATE = 4;
  static final int MAX_SOCKETS = 3;

  static final String ORIGIN = GatewayUnderTest.ALLOWED_ORIGIN;

  static TestDatabase database;
  static InboxStack stack;
  static PayaraMicro one;
  static PayaraMicro two;
  static String adminPassword;

  @BeforeAll
  static void start() throws SQLException {
    GatewayUnderTest gateway = GatewayUnderTest.get();
    database = TestDatabase.create("inbox_gw_limits");
    byte[] pw = new byte[12];
    new SecureRandom().nextBytes(pw);
    adminPassword = HexFormat.of().formatHex(pw);
    stack =
        gateway
            .messaging
            .stack()
            .withGateways(
                database,
                adminPassword,
                Map.ofEntries(
                    Map.entry("ALLOWED_ORIGINS", ORIGIN),
                    Map.entry("LOGIN_RATE_PER_MINUTE", Integer.toString(LOGIN_RATE)),
                    Map.entry("CUSTOMER_START_RATE_PER_MINUTE", Integer.toString(START_RATE)),
                    Map.entry("CUSTOMER_MESSAGE_RATE_PER_MINUTE", Integer.toString(MESSAGE_RATE)),
                    Map.entry(
                        "CUSTOMER_ADDRESS_MESSAGE_RATE_PER_MINUTE",
                        Integer.toString(ADDRESS_MESSAGE_RATE)),
                    Map.entry("CUSTOMER_READ_RATE_PER_MINUTE", Integer.toString(READ_RATE)),
                    Map.entry("WS_MAX_SOCKETS_PER_USER", Integer.toString(MAX_SOCKETS))));
    one = stack.startGateway("gateway-limits-1", Map.of());
    // Left-overs for the second instance's first clean-up (5 s after it started): a bucket full
    // again long ago, and a dead instance holding a socket.
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.executeUpdate("insert into rate_limits (id, tat) values ('login/1:stale', 1)");
      s.executeUpdate(
          "insert into gateway_instances (id, started_at, heartbeat_at) values"
              + " ('00000000-0000-4000-8000-00000000dead', now() - interval '1 hour',"
              + " now() - interval '1 hour')");
      s.executeUpdate(
          "insert into live_sockets (id, instance_id, username, opened_at) values"
              + " (gen_random_uuid(), '00000000-0000-4000-8000-00000000dead', 'ghost',"
              + " now() - interval '1 hour')");
    }
    two = stack.startGateway("gateway-limits-2", Map.of());
  }

  @AfterAll
  static void stop() {
    if (two != null) {
      two.close();
    }
    if (one != null) {
      one.close();
    }
    if (database != null) {
      database.close();
    }
  }

  /** A JSON request to {@code base} sent from the loopback address {@code source}. */
  static RequestSpecification from(String source, String base) {
    try {
      return given()
          .baseUri(base)
          .contentType(ContentType.JSON)
          .config(
              RestAssuredConfig.config()
                  .httpClient(
                      HttpClientConfig.httpClientConfig()
                          .setParam("http.route.local-address", InetAddress.getByName(source))));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(source, e);
    }
  }

  /** The instance for attempt {@code i}: alternating, the first on instance one. */
  static String alternate(int i) {
    return (i % 2 == 0 ? one : two).baseUrl();
  }

  static void assertLimited(Response r) {
    r.then().statusCode(429).body("error", equalTo("rate_limited"));
    long retryAfter = Long.parseLong(r.header("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
  }

  static Response badLogin(String source, String base) {
    return from(source, base)
        .body(
            "{\"username\":\"nobody-"
                + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"password\":\"not the password at all\"}")
        .post("/login");
  }

  static Response start(String source, String base) {
    return from(source, base)
        .body("{\"name\":\"Ada\",\"content\":\"hello from " + source + "\"}")
        .post("/customer/conversations");
  }

  static Response send(String source, String base, String token, String content) {
    return from(source, base)
        .header("Authorization", "Bearer " + token)
        .body("{\"content\":\"" + content + "\"}")
        .post("/customer/messages");
  }

  static long count(String sql) throws SQLException {
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void loginAttemptsAlternatingBetweenInstancesAreLimitedAsOnOne() throws SQLException {
    String source = "127.0.0.11";
    for (int i = 0; i < LOGIN_RATE; i++) {
      badLogin(source, alternate(i)).then().statusCode(401);
    }
    assertLimited(badLogin(source, one.baseUrl()));
    assertLimited(badLogin(source, two.baseUrl()));
    // One bucket for the address, in the database, to be forgotten once it is full again.
    assertEquals(
        1,
        count(
            "select count(*) from rate_limits where id = 'login/"
                + LOGIN_RATE
                + ":127.0.0.11' and tat > extract(epoch from now()) * 1000000"));
  }

  @Test
  void conversationStartsSpreadOverBothInstancesAreLimitedAsOnOne() {
    String source = "127.0.0.12";
    for (int i = 0; i < START_RATE; i++) {
      start(source, alternate(i)).then().statusCode(201);
    }
    assertLimited(start(source, two.baseUrl()));
    assertLimited(start(source, one.baseUrl()));
  }

  @Test
  void customerMessagesSpreadOverBothInstancesAreLimitedAsOnOne() {
    String source = "127.0.0.13";
    String token =
        start(source, one.baseUrl()).then().statusCode(201).extract().path("customer_token");
    for (int i = 0; i < MESSAGE_RATE; i++) {
      send(source, alternate(i), token, "message " + i).then().statusCode(201);
    }
    // The address has budget left (ADDRESS_MESSAGE_RATE): this is the token's own limit.
    assertLimited(send(source, two.baseUrl(), token, "one too many"));
    assertLimited(send(source, one.baseUrl(), token, "one too many"));
  }

  @Test
  void readReportsSpreadOverBothInstancesAreLimitedAsOnOne() {
    String source = "127.0.0.16";
    String token =
        start(source, one.baseUrl()).then().statusCode(201).extract().path("customer_token");
    for (int i = 0; i < READ_RATE; i++) {
      from(source, alternate(i))
          .header("Authorization", "Bearer " + token)
          .post("/customer/read")
          .then()
          .statusCode(200);
    }
    assertLimited(
        from(source, two.baseUrl())
            .header("Authorization", "Bearer " + token)
            .post("/customer/read"));
    // Another conversation's reports have their own budget.
    String other =
        start(source, two.baseUrl()).then().statusCode(201).extract().path("customer_token");
    from(source, one.baseUrl())
        .header("Authorization", "Bearer " + other)
        .post("/customer/read")
        .then()
        .statusCode(200);
  }

  @Test
  void anAddressesMessagesOverConversationsAndInstancesAreLimitedAsOnOne() {
    String source = "127.0.0.15";
    String first =
        start(source, one.baseUrl()).then().statusCode(201).extract().path("customer_token");
    String second =
        start(source, two.baseUrl()).then().statusCode(201).extract().path("customer_token");
    for (int i = 0; i < MESSAGE_RATE; i++) {
      send(source, alternate(i), first, "first " + i).then().statusCode(201);
    }
    for (int i = 0; i < ADDRESS_MESSAGE_RATE - MESSAGE_RATE; i++) {
      send(source, alternate(i + 1), second, "second " + i).then().statusCode(201);
    }
    // The second conversation's own budget is not spent; the address's is, over both instances.
    assertLimited(send(source, one.baseUrl(), second, "past the address's budget"));
    assertLimited(send(source, two.baseUrl(), second, "past the address's budget"));
  }

  @Test
  void aUsersSocketsOverBothInstancesAreRefusedPastTheCap() throws Exception {
    String token = new CustomerClient(one.baseUrl()).login(InboxStack.ADMIN, adminPassword);
    List<GatewaySocket> open = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_SOCKETS; i++) {
        GatewaySocket s = GatewaySocket.open(alternate(i), token, ORIGIN);
        open.add(s);
        assertNotNull(s.hello(Duration.ofSeconds(10)), "socket " + i);
      }
      for (PayaraMicro instance : List.of(one, two)) {
        try (GatewaySocket over = GatewaySocket.open(instance.baseUrl(), token, ORIGIN)) {
          assertEquals(1013, over.closeCode(10), instance.baseUrl());
          assertTrue(
              over.closeReason().startsWith("too many sockets for this user"), over.closeReason());
        }
      }
      // A socket closed on instance one frees a seat for instance two.
      open.remove(0).close();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> count("select count(*) from live_sockets where username = 'admin'") == 2);
      GatewaySocket again = GatewaySocket.open(two.baseUrl(), token, ORIGIN);
      open.add(again);
      assertNotNull(again.hello(Duration.ofSeconds(10)));
    } finally {
      open.forEach(GatewaySocket::close);
    }
  }

  /**
   * An instance cut off from the database refuses logins with 503 (fail closed) and new sockets
   * with 1013; once it is killed, the sockets it held stop counting after its heartbeats stop (20
   * s), so the user may open them elsewhere.
   */
  @Test
  void aCutOffInstanceFailsClosedAndItsSocketsExpireWhenItDies() throws Exception {
    String admin = new CustomerClient(one.baseUrl()).login(InboxStack.ADMIN, adminPassword);
    String name = "lim" + UUID.randomUUID().toString().substring(0, 8);
    String password = "a long enough password " + name;
    from("127.0.0.1", one.baseUrl())
        .header("Authorization", "Bearer " + admin)
        .body("{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}")
        .post("/operators")
        .then()
        .statusCode(201);
    String token = new CustomerClient(two.baseUrl()).login(name, password);

    try (TcpProxy proxy = new TcpProxy(database.host(), database.port());
        PayaraMicro three =
            stack.startGateway(
                "gateway-limits-3", Map.of("POSTGRES_PORT", Integer.toString(proxy.port())))) {
      List<GatewaySocket> held = new ArrayList<>();
      for (int i = 0; i < MAX_SOCKETS; i++) {
        GatewaySocket s = GatewaySocket.open(three.baseUrl(), token, ORIGIN);
        held.add(s);
        assertNotNull(s.hello(Duration.ofSeconds(10)), "socket " + i);
      }
      try (GatewaySocket over = GatewaySocket.open(one.baseUrl(), token, ORIGIN)) {
        assertEquals(1013, over.closeCode(10), "the cap counts instance three's sockets");
      }

      proxy.cut();
      Response refused = badLogin("127.0.0.14", three.baseUrl());
      refused.then().statusCode(503).body("error", equalTo("service_unavailable"));
      assertEquals("1", refused.header("Retry-After"));
      try (GatewaySocket cutOff = GatewaySocket.open(three.baseUrl(), token, ORIGIN)) {
        assertEquals(1013, cutOff.closeCode(15), "no socket while the cap cannot be counted");
      }

      three.kill();
      held.forEach(GatewaySocket::close);
      long killed = System.nanoTime();
      List<GatewaySocket> reopened = new ArrayList<>();
      try {
        await()
            .atMost(Duration.ofSeconds(40))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> {
                  GatewaySocket s = GatewaySocket.open(one.baseUrl(), token, ORIGIN);
                  try {
                    s.hello(Duration.ofSeconds(5));
                    reopened.add(s);
                    return true;
                  } catch (Exception refusedStill) {
                    s.close();
                    return false;
                  }
                });
        Duration after = Duration.ofNanos(System.nanoTime() - killed);
        assertTrue(after.compareTo(Duration.ofSeconds(30)) <= 0, "seats freed after " + after);
      } finally {
        reopened.forEach(GatewaySocket::close);
      }
    }
  }

  /**
   * Each instance deletes spent buckets and dead instances' sockets within a minute (here: 5 s).
   */
  @Test
  void spentBucketsAndDeadInstancesAreForgotten() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count("select count(*) from rate_limits where id = 'login/1:stale'") == 0
                    && count("select count(*) from live_sockets where username = 'ghost'") == 0
                    && count(
                            "select count(*) from gateway_instances"
                                + " where id = '00000000-0000-4000-8000-00000000dead'")
                        == 0);
  }
}
