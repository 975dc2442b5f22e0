package org.supportinbox.gateway.api.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.GatewayUnderTest;

/** static-ui/ served by the packaged gateway at its root, and the headers of every answer. */
class StaticUiIT {

  static final GatewayUnderTest GATEWAY = GatewayUnderTest.get();

  static RequestSpecification api() {
    return given().baseUri(GATEWAY.server().baseUrl()).urlEncodingEnabled(false);
  }

  static void hasSecurityHeaders(Response r) {
    String self = "127.0.0.1:" + GATEWAY.server().port();
    r.then()
        .header(
            "Content-Security-Policy",
            allOf(
                containsString("default-src 'self'"),
                containsString("script-src 'self';"),
                containsString("frame-ancestors 'none'"),
                containsString("connect-src 'self' ws://" + self + " wss://" + self),
                not(containsString("unsafe"))))
        .header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY")
        .header("Referrer-Policy", "no-referrer");
  }

  @Test
  void theUiIsServedAtTheRootUnderAStrictPolicy() throws Exception {
    Response root = api().get("/");
    root.then()
        .statusCode(200)
        .contentType(startsWith("text/html"))
        .header("Cache-Control", "no-cache")
        .header("ETag", notNullValue());
    hasSecurityHeaders(root);
    assertArrayEquals(
        Files.readAllBytes(StaticUiTest.FOLDER.resolve("index.html")), root.asByteArray());
  }

  @Test
  void everyFileOfTheFolderIsServedWithItsTypeAndRevalidatedByETag() throws Exception {
    List<Path> files = StaticUiTest.servedFiles();
    assertFalse(files.isEmpty());
    for (Path file : files) {
      String path = "/" + StaticUiTest.FOLDER.relativize(file).toString().replace('\\', '/');
      Response r = api().get(path);
      r.then().statusCode(200).contentType(startsWith(StaticUiTest.mediaType(file)));
      assertArrayEquals(Files.readAllBytes(file), r.asByteArray(), path);
      api()
          .header("If-None-Match", r.header("ETag"))
          .get(path)
          .then()
          .statusCode(304)
          .header("ETag", r.header("ETag"));
    }
  }

  @Test
  void nothingOutsideTheUiFilesIsServed() {
    for (String path :
        List.of(
            "/missing.js",
            "/README.md",
            "/WEB-INF/web.xml",
            "/WEB-INF/beans.xml",
            "/WEB-INF/static-ui/index.html",
            "/.hidden.js",
            "/%2e%2e/WEB-INF/beans.xml",
            "/..%2fWEB-INF%2fbeans.xml",
            "/META-INF/MANIFEST.MF")) {
      Response r = api().get(path);
      // Grizzly itself refuses encoded dots and slashes with 400, and the servlet container answers
      // for
      // WEB-INF/ and META-INF/ before the application sees the request; the rest is JAX-RS's JSON.
      assertTrue(
          r.statusCode() == 404 || (path.contains("%2") && r.statusCode() == 400),
          path + " answered " + r.statusCode() + " " + r.asString());
      assertFalse(r.asString().contains("<beans") || r.asString().contains("Manifest-Version"));
      if (!path.contains("%2") && !path.contains("-INF/")) {
        r.then().contentType(ContentType.JSON).body("error", equalTo("not_found"));
      }
    }
  }

  @Test
  void apiAnswersCarryTheHeadersAndAreNeverStored() {
    Response failed =
        api()
            .contentType(ContentType.JSON)
            .body("{\"username\":\"nobody\",\"password\":\"x\"}")
            .post("/login");
    failed.then().statusCode(401).header("Cache-Control", "no-store");
    hasSecurityHeaders(failed);
    Response unauthorized = api().get("/conversations");
    unauthorized.then().statusCode(401).header("Cache-Control", "no-store");
    hasSecurityHeaders(unauthorized);
  }
}
