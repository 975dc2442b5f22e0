package org.supportinbox.gateway.api.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.adminToken;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.api;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.login;

import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OperatorResourceIT {

  private static RequestSpecification as(String token) {
    return api().header("Authorization", "Bearer " + token);
  }

  private static String newName() {
    return "op-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void anAdminAddsAnOperatorWhoCanThenLogIn() {
    String name = newName();
    as(adminToken())
        .body(
            "{\"username\":\""
                + name
                + "\",\"display_name\":\"Bo Berg\",\"password\":\"fifteen chars ok\"}")
        .post("/operators")
        .then()
        .statusCode(201)
        .body("username", equalTo(name))
        .body("display_name", equalTo("Bo Berg"))
        .body("role", equalTo("operator"))
        .body("disabled", equalTo(false))
        .body("$", not(org.hamcrest.Matchers.hasKey("password_hash")));
    login(name, "fifteen chars ok")
        .then()
        .statusCode(200)
        .body("name", equalTo("Bo Berg"))
        .body("role", equalTo("operator"));
    as(adminToken()).get("/operators").then().statusCode(200).body("username", hasItem(name));
  }

  @Test
  void operatorsCannotManageOperators() {
    String name = newName();
    as(adminToken())
        .body("{\"username\":\"" + name + "\",\"password\":\"fifteen chars ok\"}")
        .post("/operators")
        .then()
        .statusCode(201);
    String token = login(name, "fifteen chars ok").then().extract().path("access_token");
    as(token).get("/operators").then().statusCode(403).body("error", equalTo("forbidden"));
    as(token)
        .body("{\"username\":\"sneaky\",\"password\":\"fifteen chars ok\"}")
        .post("/operators")
        .then()
        .statusCode(403);
  }

  @Test
  void disablingAnAccountEndsItsTokensAndLogins() {
    String name = newName();
    String admin = adminToken();
    as(admin)
        .body("{\"username\":\"" + name + "\",\"password\":\"fifteen chars ok\"}")
        .post("/operators")
        .then()
        .statusCode(201);
    String token = login(name, "fifteen chars ok").then().extract().path("access_token");
    as(token).post("/logout").then().statusCode(204); // works while enabled...
    String again = login(name, "fifteen chars ok").then().extract().path("access_token");
    as(admin)
        .body("{\"disabled\":true}")
        .patch("/operators/" + name)
        .then()
        .statusCode(200)
        .body("disabled", equalTo(true));
    as(again).post("/logout").then().statusCode(401); // ...and not once disabled
    login(name, "fifteen chars ok")
        .then()
        .statusCode(401)
        .body("error", equalTo("invalid_credentials"));
  }

  @Test
  void badAccountsAreRefusedAndNothingIsStored() {
    String admin = adminToken();
    String name = newName();
    as(admin)
        .body("{\"username\":\"" + name + "\",\"password\":\"short\"}")
        .post("/operators")
        .then()
        .statusCode(400)
        .body("field", equalTo("password"));
    as(admin)
        .body("{\"username\":\"Not Valid!\",\"password\":\"fifteen chars ok\"}")
        .post("/operators")
        .then()
        .statusCode(400)
        .body("field", equalTo("username"));
    as(admin)
        .body("{\"username\":\"" + name + "\",\"password\":\"fifteen chars ok\",\"role\":\"root\"}")
        .post("/operators")
        .then()
        .statusCode(400)
        .body("field", equalTo("role"));
    as(admin).get("/operators").then().body("username", not(hasItem(name)));
    as(admin)
        .body("{\"username\":\"admin\",\"password\":\"fifteen chars ok\"}")
        .post("/operators")
        .then()
        .statusCode(409)
        .body("error", equalTo("conflict"));
    as(admin)
        .body("{\"disabled\":true}")
        .patch("/operators/admin")
        .then()
        .statusCode(409); // the last active admin
    as(admin).body("{\"disabled\":true}").patch("/operators/ghost").then().statusCode(404);
  }
}
