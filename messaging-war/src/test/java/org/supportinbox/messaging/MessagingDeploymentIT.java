package org.supportinbox.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.io.File;
import java.net.URL;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.supportinbox.testing.TestDatabase;
import org.supportinbox.testing.TestVhost;
import org.supportinbox.testing.Tokens;

/**
 * Arquillian deploys the WAR the build produced, as it is (black box), to a Payara Micro it
 * manages. The database and vhost it names in the environment (failsafe sets them per build) are
 * created here, when the class loads, which is before Arquillian starts the container.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MessagingDeploymentIT {

  static {
    TestDatabase db = TestDatabase.createNamed(System.getenv("POSTGRES_DB"));
    TestVhost vhost = TestVhost.createNamed(System.getenv("RABBITMQ_VHOST"));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  vhost.close();
                  db.close();
                }));
  }

  @ArquillianResource URL deployment;

  @Deployment(testable = false)
  static WebArchive war() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("inbox.war")));
  }

  private String base() {
    // Arquillian reports the machine's address; payara-config binds the listener to loopback.
    return "http://127.0.0.1:" + deployment.getPort();
  }

  @Test
  void theDeployedWarIsReadyAndServesTheApi() {
    given()
        .baseUri(base())
        .get("/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItems("database", "broker"));
    String token = Tokens.sign(System.getenv("JWT_SECRET"), "arquillian", Set.of("operator"));
    given()
        .baseUri(base())
        .header("Authorization", "Bearer " + token)
        .get("/conversations")
        .then()
        .statusCode(200)
        .body(containsString("\"items\""));
    given().baseUri(base()).get("/conversations").then().statusCode(401);
  }
}
