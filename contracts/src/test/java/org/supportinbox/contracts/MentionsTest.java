package org.supportinbox.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code @username} in a note: who is mentioned, and what is no mention. */
class MentionsTest {

  @Test
  void namesAsTheGatewayAllowsThemInAnyCaseEachOnce() {
    assertEquals(
        List.of("bob", "ann.lee", "x_1-y"),
        Mentions.in("@Bob please ask @ann.lee, then @bob again and @x_1-y."));
  }

  @Test
  void anEmailAddressOrALoneAtIsNoMention() {
    assertEquals(List.of(), Mentions.in("write to jane@example.com or @ now, @a is too short"));
    assertEquals(List.of("ops"), Mentions.in("(@ops) look"));
  }

  @Test
  void atMostTwenty() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      text.append("@op").append(i).append(' ');
    }
    assertEquals(Mentions.MAX, Mentions.in(text.toString()).size());
  }
}
