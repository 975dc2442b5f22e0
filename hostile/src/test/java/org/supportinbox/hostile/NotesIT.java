package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.GatewaySocket;

/**
 * An operators' note ({@code internal: true}) never reaches the customer by any path: not {@code
 * GET /customer/conversation}, not the customer's socket, not a replayed {@code client_message_id}
 * (REST or socket); operators get it on their sockets and in the thread.
 */
class NotesIT {

  private static final String SECRET = "VIP: refund without asking, code 7731";

  private static HostileStack stack;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
  }

  @Test
  void aNoteReachesOperatorsAndNeverTheCustomer() throws Exception {
    JsonPath started = stack.startConversation("Note Nora", "where is my refund?");
    String customer = started.getString("customer_token");
    String conversation = started.getString("conversation_id");
    String operator = stack.operatorToken();
    String key = UUID.randomUUID().toString();
    List<JsonObject> customerFrames = new ArrayList<>();
    try (GatewaySocket theirs =
            GatewaySocket.open(stack.gateway.baseUrl(), customer, HostileStack.ORIGIN);
        GatewaySocket ours =
            GatewaySocket.open(stack.gateway.baseUrl(), operator, HostileStack.ORIGIN)) {
      assertThat(theirs.next("hello", 10)).isNotNull();
      assertThat(ours.next("hello", 10)).isNotNull();

      stack
          .api(operator)
          .body(
              "{\"conversation_id\":\""
                  + conversation
                  + "\",\"content\":\""
                  + SECRET
                  + "\",\"internal\":true,\"client_message_id\":\""
                  + key
                  + "\"}")
          .post("/messages")
          .then()
          .statusCode(201);
      JsonObject seen = ours.next("message.created", 15);
      assertThat(seen).as("the operator's socket gets the note").isNotNull();
      assertThat(seen.getJsonObject("data").getBoolean("internal")).isTrue();

      // A reply after the note: once it reaches the customer, the note's event would have too.
      stack
          .api(operator)
          .body(
              HostileStack.json(
                  java.util.Map.of("conversation_id", conversation, "content", "On it")))
          .post("/messages")
          .then()
          .statusCode(201);
      JsonObject reply = theirs.next("message.created", 15);
      assertThat(reply).as("the reply reaches the customer").isNotNull();
      assertThat(reply.getJsonObject("data").getString("content")).isEqualTo("On it");

      // The note's key replayed by the customer, on the socket and over REST.
      theirs.send(
          "{\"type\":\"send\",\"content\":\""
              + SECRET
              + "\",\"client_message_id\":\""
              + key
              + "\"}");
      JsonObject answer = theirs.next("error", 15);
      assertThat(answer).as("the replay is refused").isNotNull();
      customerFrames.add(reply);
      customerFrames.add(answer);
      theirs.frames.drainTo(customerFrames);
    }
    stack
        .api(customer)
        .body("{\"content\":\"" + SECRET + "\",\"client_message_id\":\"" + key + "\"}")
        .post("/customer/messages")
        .then()
        .statusCode(400);
    String own =
        stack
            .api(customer)
            .get("/customer/conversation")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(own).doesNotContain(SECRET).doesNotContain("internal").contains("On it");
    assertThat(customerFrames.toString()).doesNotContain(SECRET).doesNotContain("internal");
    assertThat(stack.conversation(operator, conversation).getList("messages.content"))
        .contains(SECRET);
  }
}
