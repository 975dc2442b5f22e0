package org.supportinbox.gateway.api.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.GatewayUnderTest;
import org.supportinbox.testing.PayaraMicro;

/**
 * {@code TRUSTED_PROXIES}: a gateway instance that trusts 127.0.0.1 as its reverse proxy counts
 * logins by the client that proxy names in X-Forwarded-For, and a client at another address
 * (127.0.0.2, not a proxy) cannot escape the limit by writing the header itself. The instance
 * allows {@value #LOGIN_RATE} login attempts per minute and address; each attempt uses a new user
 * name, so that the per-name lock-out plays no part.
 */
class TrustedProxiesIT {

  static final int LOGIN_RATE = 3;

  static PayaraMicro proxied;

  @BeforeAll
  static void start() {
    proxied =
        GatewayUnderTest.get()
            .startInstance(
                "gateway-proxied",
                Map.of(
                    "TRUSTED_PROXIES",
                    "127.0.0.1, ::1",
                    "LOGIN_RATE_PER_MINUTE",
                    Integer.toString(LOGIN_RATE)));
  }

  @AfterAll
  static void stop() {
    if (proxied != null) {
      proxied.close();
    }
  }

  /** A request to the proxied instance from the loopback address {@code source}. */
  static RequestSpecification from(String source) {
    try {
      return given()
          .baseUri(proxied.baseUrl())
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

  static Response badLogin(String source, String... forwardedFor) {
    RequestSpecification r = from(source);
    for (String value : forwardedFor) {
      r = r.header("X-Forwarded-For", value);
    }
    return r.body(
            "{\"username\":\"nobody-"
                + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"password\":\"not the password at all\"}")
        .post("/login");
  }

  @Test
  void clientsBehindTheProxyHaveBudgetsOfTheirOwn() {
    for (int i = 0; i < LOGIN_RATE; i++) {
      // The client's own claim (left) is passed over: the proxy appended what it saw.
      badLogin("127.0.0.1", "198.51.100.1, 203.0.113.1").then().statusCode(401);
    }
    badLogin("127.0.0.1", "203.0.113.1")
        .then()
        .statusCode(429)
        .body("error", equalTo("rate_limited"));
    // Another client behind the same proxy, in a second header line: its own budget.
    for (int i = 0; i < LOGIN_RATE; i++) {
      badLogin("127.0.0.1", "203.0.113.1", "203.0.113.2").then().statusCode(401);
    }
    badLogin("127.0.0.1", "203.0.113.2").then().statusCode(429);
    // A malformed entry names nobody: the request counts for the proxy itself, whose budget
    // is still whole.
    badLogin("127.0.0.1", "unknown").then().statusCode(401);
  }

  @Test
  void aClientThatIsNoProxyCannotChooseItsAddress() {
    for (int i = 0; i < LOGIN_RATE; i++) {
      badLogin("127.0.0.2", "203.0.113." + (100 + i)).then().statusCode(401);
    }
    badLogin("127.0.0.2", "203.0.113.200")
        .then()
        .statusCode(429)
        .body("error", equalTo("rate_limited"));
  }
}
