package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Security review, item 8: user names at {@code POST /login}. Before the fix an 8 KB name answered
 * 500 with a stack trace (the index size), a line break in the name forged a log line, and unknown
 * names (often a password typed into the wrong field) were written to the log.
 */
class LoginNameIT {

  private static HostileStack stack;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
  }

  private static Response login(String username) {
    return stack
        .api()
        .body(HostileStack.json(Map.of("username", username, "password", "whatever-password-1")))
        .post("/login");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "8 KB of name",
        "line\nbreak",
        "carriage\rreturn",
        "spaces in it",
        "x",
        "emoji-\uD83D\uDE00",
        "semi;colon"
      })
  void aNameThatCannotExistIsA400NamingTheField(String name) {
    String username = name.equals("8 KB of name") ? "a".repeat(8 * 1024) : name;
    Response r = login(username);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.jsonPath().getString("error")).isEqualTo("invalid_field");
    assertThat(r.jsonPath().getString("field")).isEqualTo("username");
    assertThat(r.asString()).doesNotContain("Exception", "at org.", "at java.");
  }

  @Test
  void aForgedLogLineNeverReachesTheLog() throws Exception {
    String marker = "forged-" + UUID.randomUUID();
    login("bob\n2026-12-06 INFO login username=admin " + marker);
    assertThat(Files.readString(stack.gateway.log())).doesNotContain(marker);
  }

  @Test
  void unknownNamesAreNotLogged() throws Exception {
    // What a password typed into the user name field looks like.
    String typedPassword = ("Hunter2-" + UUID.randomUUID()).toLowerCase(Locale.ROOT);
    Response r = login(typedPassword);
    assertThat(r.statusCode()).isEqualTo(401);
    String real = "named-" + UUID.randomUUID().toString().substring(0, 8);
    stack.createOperator(real, real, "named-operator-password-0123");
    Response known = login(real);
    assertThat(known.statusCode()).isEqualTo(401);
    String log = Files.readString(stack.gateway.log());
    assertThat(log).doesNotContain(typedPassword);
    assertThat(log).contains("login failed: an unknown user name");
    assertThat(log).contains("login failed: username=" + real);
  }
}
