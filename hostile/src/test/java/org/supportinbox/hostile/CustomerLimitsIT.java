package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security review, item 5: one address cannot pile up model work by opening conversations. Before
 * the fix messages were limited per customer token only, so every new conversation brought a fresh
 * allowance (N conversations: N times the messages, each one analysed). Now the messages of one
 * address (an IPv6 /64) are limited over all its conversations as well.
 */
class CustomerLimitsIT {

  private static HostileStack stack;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
  }

  @Test
  void moreConversationsBuyNoMoreMessagesFromOneAddress() {
    String from = "127.0.0.31";
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      JsonPath started =
          stack
              .apiFrom(from)
              .body(HostileStack.json(Map.of("name", "Flood " + i, "content", "start " + i)))
              .post("/customer/conversations")
              .then()
              .statusCode(201)
              .extract()
              .jsonPath();
      tokens.add(started.getString("customer_token"));
    }
    // The gateway allows each token 1,000 a minute, the address 300: the address's limit is
    // what refuses, at about 300 (plus what refills while the requests run, 5 a second).
    int accepted = 0;
    Response refused = null;
    for (int i = 0; i < 2 * HostileStack.ADDRESS_MESSAGES_PER_MINUTE && refused == null; i++) {
      Response r =
          stack
              .apiFrom(from)
              .header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
              .body("{\"content\":\"message " + i + "\"}")
              .post("/customer/messages");
      if (r.statusCode() == 429) {
        refused = r;
      } else {
        assertThat(r.statusCode()).as("message " + i).isEqualTo(201);
        accepted++;
      }
    }
    assertThat(refused).as("a refusal within twice the address's allowance").isNotNull();
    assertThat(accepted)
        .isBetween(
            HostileStack.ADDRESS_MESSAGES_PER_MINUTE, 2 * HostileStack.ADDRESS_MESSAGES_PER_MINUTE);
    assertThat(refused.jsonPath().getString("error")).isEqualTo("rate_limited");
    assertThat(refused.jsonPath().getString("detail")).contains("from this address");
    assertThat(refused.header("Retry-After")).isNotNull();

    // The same customer tokens from another address are served: the limit is the address's.
    stack
        .apiFrom("127.0.0.32")
        .header("Authorization", "Bearer " + tokens.get(0))
        .body("{\"content\":\"from the office network\"}")
        .post("/customer/messages")
        .then()
        .statusCode(201);
  }
}
