package org.supportinbox.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.CustomerClient;
import org.supportinbox.testing.GatewayUnderTest;
import org.supportinbox.testing.PayaraMicro;
import org.supportinbox.testing.TcpProxy;

/**
 * Two gateway instances on one database: a revocation made on one is refused by the other within a
 * second, with no query per request (each instance's denylist is refreshed from the database); and
 * an instance whose database stops answering refuses tokens with 503 rather than accept one that
 * may have been revoked.
 */
class RevocationAcrossInstancesIT {

  static final GatewayUnderTest GATEWAY = GatewayUnderTest.get();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static PayaraMicro second;

  @BeforeAll
  static void startSecondInstance() {
    second = GATEWAY.startSecondInstance();
  }

  @AfterAll
  static void stopSecondInstance() {
    if (second != null) {
      second.close();
    }
  }

  static HttpResponse<String> call(
      String base, String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code GET /team} on {@code base}: needs a valid, unrevoked operator token. */
  static int team(String base, String token) throws Exception {
    return call(base, "GET", "/team", token, null).statusCode();
  }

  /** How long after {@code since} (nanoTime) the token was first refused on {@code base}. */
  static Duration refusedAfter(String base, String token, long since) throws Exception {
    while (true) {
      int status = team(base, token);
      long elapsed = System.nanoTime() - since;
      if (status == 401) {
        return Duration.ofNanos(elapsed);
      }
      assertEquals(200, status, "still accepted, not failing");
      assertTrue(elapsed < Duration.ofSeconds(5).toNanos(), "still accepted after 5 s");
      Thread.sleep(20);
    }
  }

  String admin(String base) {
    return new CustomerClient(base).login(GatewayUnderTest.ADMIN, GATEWAY.adminPassword);
  }

  @Test
  void aLogoutOnOneInstanceIsRefusedOnTheOtherWithinASecond() throws Exception {
    String one = GATEWAY.server().baseUrl();
    String two = second.baseUrl();
    String token = admin(one);
    assertEquals(200, team(two, token));
    String other = admin(one);

    long at = System.nanoTime();
    assertEquals(204, call(one, "POST", "/logout", token, null).statusCode());
    assertEquals(401, team(one, token), "the instance that logged out, at once");
    Duration after = refusedAfter(two, token, at);

    assertTrue(after.compareTo(Duration.ofSeconds(1)) <= 0, "refused after " + after);
    assertEquals(200, team(two, other), "another token of the same admin");
  }

  @Test
  void aDisabledOperatorIsRefusedOnTheOtherInstanceWithinASecond() throws Exception {
    String one = GATEWAY.server().baseUrl();
    String two = second.baseUrl();
    String admin = admin(one);
    String name = "rev" + UUID.randomUUID().toString().substring(0, 8);
    String password = "a long enough password " + name;
    assertEquals(
        201,
        call(
                one,
                "POST",
                "/operators",
                admin,
                "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}")
            .statusCode());
    String token = new CustomerClient(two).login(name, password);
    assertEquals(200, team(two, token));

    long at = System.nanoTime();
    assertEquals(
        200, call(one, "PATCH", "/operators/" + name, admin, "{\"disabled\":true}").statusCode());
    assertEquals(401, team(one, token), "the instance that disabled it, at once");
    Duration after = refusedAfter(two, token, at);

    assertTrue(after.compareTo(Duration.ofSeconds(1)) <= 0, "refused after " + after);
    assertEquals(
        200, call(one, "PATCH", "/operators/" + name, admin, "{\"disabled\":false}").statusCode());
    Thread.sleep(600); // two refreshes on the other instance
    assertEquals(401, team(two, token), "enabling again revives no old token");
  }

  @Test
  void anInstanceWhoseDatabaseStopsAnsweringRefusesTokensWith503() throws Exception {
    try (TcpProxy database = new TcpProxy(GATEWAY.database.host(), GATEWAY.database.port());
        PayaraMicro proxied =
            GATEWAY.startInstance(
                "gateway-db-proxied", Map.of("POSTGRES_PORT", Integer.toString(database.port())))) {
      String base = proxied.baseUrl();
      String token = admin(GATEWAY.server().baseUrl());
      // GET /conversations/counts asks messaging, not the gateway's database: only the denylist.
      assertEquals(200, call(base, "GET", "/conversations/counts", token, null).statusCode());

      database.cut();
      long at = System.nanoTime();
      HttpResponse<String> refused;
      while (true) {
        refused = call(base, "GET", "/conversations/counts", token, null);
        if (refused.statusCode() != 200) {
          break;
        }
        assertTrue(System.nanoTime() - at < Duration.ofSeconds(3).toNanos(), "still accepted");
        Thread.sleep(50);
      }
      assertEquals(503, refused.statusCode(), refused.body());
      assertTrue(
          refused.body().contains("\"error\":\"service_unavailable\"")
              && refused.body().contains("denylist"),
          refused.body());
      assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
      // The window in which a token may still be accepted: the last read at most a second old.
      Duration window = Duration.ofNanos(System.nanoTime() - at);
      assertTrue(window.compareTo(Duration.ofMillis(1500)) <= 0, "accepted for " + window);

      database.restore();
      long back = System.nanoTime();
      while (call(base, "GET", "/conversations/counts", token, null).statusCode() != 200) {
        assertTrue(System.nanoTime() - back < Duration.ofSeconds(30).toNanos(), "not back");
        Thread.sleep(100);
      }
    }
  }
}
