package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.supportinbox.testing.ForgedTokens;

/**
 * The audit log ({@code GET /audit}) is for admins only and reads its query strictly: no token, a
 * forged one, a customer's or an operator's get 401/403 and nothing of the log; hostile parameters
 * are a 400 naming the parameter, or, where they are merely text to match, an empty page; a stream
 * of failed logins for names nobody has adds nothing to the table.
 */
class AuditIT {

  private static HostileStack stack;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
  }

  @Test
  void noOneButAnAdminReadsIt() {
    Response none = stack.api().get("/audit");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.asString()).doesNotContain("operator.created");
    String customer =
        stack.startConversation("Audit Aino", "what do you know").getString("customer_token");
    for (String token : List.of(customer, stack.operatorToken())) {
      Response answer = stack.api(token).get("/audit?action=operator.created");
      assertThat(answer.statusCode()).isEqualTo(403);
      assertThat(answer.jsonPath().getString("error")).isEqualTo("forbidden");
      assertThat(answer.asString()).doesNotContain("entries").doesNotContain("operator.created");
    }
    ForgedTokens.all(stack.system.secret)
        .forEach(
            (name, token) ->
                assertThat(stack.api(token).get("/audit").statusCode()).as(name).isEqualTo(401));
    assertThat(stack.api(stack.adminToken()).get("/audit").statusCode()).isEqualTo(200);
  }

  static Stream<Arguments> hostileQueries() {
    String forgedCursor =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("0:1 OR 1=1".getBytes(StandardCharsets.US_ASCII));
    return Stream.of(
        Arguments.of("SQL in an action", "action=operator.created'%20OR%20'1'='1", "action"),
        Arguments.of("SQL in a limit", "limit=1;DELETE%20FROM%20audit_log", "limit"),
        Arguments.of("a negative limit", "limit=-1", "limit"),
        Arguments.of("a huge limit", "limit=99999999999999999999", "limit"),
        Arguments.of("SQL in a date", "from=now()%20-%20interval%20'1%20year'", "from"),
        Arguments.of("a date without an offset", "to=2026-01-01T00:00:00", "to"),
        Arguments.of("a cursor with SQL", "cursor=" + forgedCursor, "cursor"),
        Arguments.of("a NUL in an actor", "actor=adm%00in", "actor"),
        Arguments.of("a line break in a subject", "subject=a%0D%0Aforged", "subject"),
        Arguments.of("a 1,000-character subject", "subject=" + "s".repeat(1000), "subject"),
        Arguments.of("a parameter it does not take", "order=id%20asc", "order"),
        Arguments.of("a parameter given twice", "action=a.b&action=c.d", "action"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileQueries")
  void hostileParametersAre400NamingThem(String name, String query, String field) {
    long before = auditRows();
    // Sent as written: the escapes (%00, %0D%0A) must reach the gateway, not be escaped again.
    Response answer =
        stack.api(stack.adminToken()).urlEncodingEnabled(false).get("/audit?" + query);
    assertThat(answer.statusCode()).as(name).isEqualTo(400);
    assertThat(answer.jsonPath().getString("field")).as(name).isEqualTo(field);
    assertThat(answer.asString()).as(name).doesNotContain("Exception").doesNotContain("SQL");
    assertThat(auditRows()).as(name + ": the log as it was").isEqualTo(before);
  }

  @Test
  void textThatLooksLikeSqlIsOnlyMatched() {
    for (String text : List.of("admin' OR '1'='1", "%", "_", "admin'--", "*")) {
      Response answer = stack.api(stack.adminToken()).queryParam("actor", text).get("/audit");
      assertThat(answer.statusCode()).as(text).isEqualTo(200);
      assertThat(answer.jsonPath().getList("entries")).as(text).isEmpty();
    }
  }

  @Test
  void failedLoginsForNamesNobodyHasAddNothing() {
    long before = auditRows();
    for (int i = 0; i < 8; i++) {
      String nobody = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
      Response answer =
          stack
              .api()
              .body(HostileStack.json(Map.of("username", nobody, "password", "a guess " + i)))
              .post("/login");
      assertThat(answer.statusCode()).isEqualTo(401);
    }
    assertThat(auditRows()).isEqualTo(before);
  }

  private static long auditRows() {
    return Long.parseLong(stack.gatewayRows("select count(*) from audit_log").get(0).get(0));
  }
}
