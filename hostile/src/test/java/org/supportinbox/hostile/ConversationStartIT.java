package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Security review, item 6: the conversation-start request is not a credential that lasts. Before
 * the fix, replaying a start body answered a fresh 24 h customer token for ever, even after that
 * customer logged out, and any UUID, the nil UUID included, was accepted as its key. Now the key
 * must be a random (version 4) UUID, a replay works only within CUSTOMER_START_REPLAY_MINUTES (15)
 * and while the customer has not ended the chat, and ending the chat ("New chat", logout) ends
 * every token of the conversation.
 */
class ConversationStartIT {

  private static HostileStack stack;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
  }

  private static Response start(String name, String content, String key) {
    return stack
        .api()
        .body(HostileStack.json(Map.of("name", name, "content", content, "client_message_id", key)))
        .post("/customer/conversations");
  }

  @ParameterizedTest(name = "key {0}")
  @ValueSource(
      strings = {
        "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "6ba7b810-9dad-11d1-80b4-00c04fd430c8", // version 1
        "e7b1a6c0-3f1a-8a2b-9c3d-4e5f60718293", // version 8
        "3d813cbb-47fb-32ba-91df-831e1593ac29" // version 3
      })
  void aKeyThatIsNoRandomUuidIsRefused(String key) {
    Map<String, Long> before = stack.rowCounts();
    Response r = start("Key Kim", "hello", key);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.jsonPath().getString("field")).isEqualTo("client_message_id");
    assertThat(stack.rowCounts()).isEqualTo(before);
  }

  @Test
  void aReplayWithinTheWindowAnswersTheSameConversation() {
    String key = UUID.randomUUID().toString();
    Response first = start("Replay Ray", "lost answer", key);
    assertThat(first.statusCode()).isEqualTo(201);
    Response again = start("Replay Ray", "lost answer", key);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.jsonPath().getString("conversation_id"))
        .isEqualTo(first.jsonPath().getString("conversation_id"));
  }

  @Test
  void aReplayAfterTheChatWasEndedIsRefusedAndItsTokensAreDead() {
    String key = UUID.randomUUID().toString();
    Response first = start("Ended Eva", "please help", key);
    assertThat(first.statusCode()).isEqualTo(201);
    String token = first.jsonPath().getString("customer_token");
    Response second = start("Ended Eva", "please help", key);
    assertThat(second.statusCode()).isEqualTo(200);
    String replayed = second.jsonPath().getString("customer_token");

    // "New chat" in the widget: the customer logs out.
    stack.api(token).post("/logout").then().statusCode(204);

    stack.api(token).get("/customer/conversation").then().statusCode(401);
    stack.api(replayed).get("/customer/conversation").then().statusCode(401);
    Response afterLogout = start("Ended Eva", "please help", key);
    assertThat(afterLogout.statusCode()).isEqualTo(409);
    assertThat(afterLogout.jsonPath().getString("field")).isEqualTo("client_message_id");
    assertThat(afterLogout.asString()).doesNotContain("customer_token");
  }

  @Test
  void aReplayAfterTheWindowIsRefused() {
    String key = UUID.randomUUID().toString();
    Response first = start("Late Lou", "an old start", key);
    assertThat(first.statusCode()).isEqualTo(201);
    // The first attempt was stored 16 minutes ago.
    int moved =
        stack.messagingUpdate(
            "update messages set created_at = created_at - interval '16 minutes' where id = ?",
            UUID.fromString(first.jsonPath().getString("message.id")));
    assertThat(moved).isEqualTo(1);
    Response late = start("Late Lou", "an old start", key);
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(late.asString()).doesNotContain("customer_token");
  }
}
