package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The views, their counts, the team, a customer's other conversations and assignment: operators and
 * admins only (none, a customer's token, even for its own conversation: 401, 403); a conversation
 * goes to an active operator only (an unknown or disabled one is {@code 400 assignee} and nothing
 * changes); "mine" is the caller's, whatever the request says.
 */
class ViewsIT {

  private static HostileStack stack;
  private static String customer;
  private static String conversation;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
    var started = stack.startConversation("View Vera", "who will help me?");
    customer = started.getString("customer_token");
    conversation = started.getString("conversation_id");
  }

  private static String account(boolean disabled) {
    String name = "team-" + UUID.randomUUID().toString().substring(0, 8);
    stack
        .api(stack.adminToken())
        .body(
            HostileStack.json(
                Map.of(
                    "username",
                    name,
                    "display_name",
                    "Team " + name,
                    "role",
                    "operator",
                    "password",
                    "team-member-password-0123")))
        .post("/operators")
        .then()
        .statusCode(201);
    if (disabled) {
      stack
          .api(stack.adminToken())
          .body("{\"disabled\":true}")
          .patch("/operators/" + name)
          .then()
          .statusCode(200);
    }
    return name;
  }

  @Test
  void onlyOperatorsReadTheTeamTheViewsAndTheirCounts() {
    for (String path :
        List.of(
            "/team",
            "/conversations/counts",
            "/conversations?view=mine",
            "/conversations/" + conversation + "/related")) {
      stack.api().get(path).then().statusCode(401);
      stack.api(customer).get(path).then().statusCode(403);
      stack.api(stack.operatorToken()).get(path).then().statusCode(200);
    }
  }

  @Test
  void theTeamListsActiveOperatorsByNameOnly() {
    String active = account(false);
    String disabled = account(true);
    stack
        .api(stack.operatorToken())
        .get("/team")
        .then()
        .statusCode(200)
        .body("username", hasItem(active))
        .body("username", not(hasItem(disabled)))
        .body("find { it.username == '" + active + "' }.display_name", equalTo("Team " + active))
        .body(
            "find { it.username == '" + active + "' }.keySet()",
            equalTo(java.util.Set.of("username", "display_name")));
  }

  @Test
  void aConversationGoesToActiveOperatorsOnly() {
    String operator = stack.operatorToken();
    List<String> refused = List.of("nobody-" + UUID.randomUUID(), account(true), "x".repeat(101));
    Map<String, Long> before = stack.rowCounts();
    for (String who : refused) {
      stack
          .api(operator)
          .body(HostileStack.json(Map.of("assignee", who)))
          .patch("/conversations/" + conversation)
          .then()
          .statusCode(400)
          .body("field", equalTo("assignee"))
          .body("detail", notNullValue());
    }
    assertThat(stack.rowCounts()).isEqualTo(before);
    stack
        .api(operator)
        .get("/conversations/" + conversation)
        .then()
        .body("assignee", org.hamcrest.Matchers.nullValue());

    String colleague = account(false);
    stack
        .api(operator)
        .body(HostileStack.json(Map.of("assignee", colleague)))
        .patch("/conversations/" + conversation)
        .then()
        .statusCode(200)
        .body("assignee", equalTo(colleague));
    // "mine" is the caller's: the colleague sees it, the operator does not.
    String theirs = stack.login(colleague, "team-member-password-0123");
    stack
        .api(theirs)
        .get("/conversations?view=mine&limit=100")
        .then()
        .body("items.conversation_id", hasItem(conversation));
    stack
        .api(operator)
        .get("/conversations?view=mine&limit=100")
        .then()
        .body("items.conversation_id", not(hasItem(conversation)));
    stack
        .api(operator)
        .body("{\"assignee\":null}")
        .patch("/conversations/" + conversation)
        .then()
        .statusCode(200);
  }

  @Test
  void badViewsAre400NamingTheField() {
    String operator = stack.operatorToken();
    stack
        .api(operator)
        .get("/conversations?view=everyone")
        .then()
        .statusCode(400)
        .body("field", equalTo("view"));
    stack
        .api(operator)
        .get("/conversations?view=mine&status=open")
        .then()
        .statusCode(400)
        .body("field", equalTo("status"));
    stack
        .api(operator)
        .get("/conversations?view=mine&sort=alphabetical")
        .then()
        .statusCode(400)
        .body("field", equalTo("sort"));
  }
}
