package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportinbox.testing.Tokens;

/**
 * Issue 5, scenarios 5 and 6: logging out returns to the login page, forgets the token and revokes
 * it; a stored token the API refuses (expired, or signed with another key) brings the login page
 * back with the "session expired" message.
 */
class SessionIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  private OperatorPage loggedIn() {
    OperatorPage operator = new OperatorPage(browsers.operator(), stack);
    operator.open();
    operator.browser().js("sessionStorage.clear();");
    return operator.openAndLogIn();
  }

  @Test
  void logoutReturnsToLoginForgetsTheTokenAndTheApiRefusesIt() {
    OperatorPage operator = loggedIn();
    assertThat(operator.browser().find("#current-user").getText())
        .isEqualTo(E2eStack.OPERATOR_NAME);
    String[] stored = operator.storedToken();
    assertThat(stored).as("a token in sessionStorage after login").isNotNull();
    String token = stored[1];
    stack.api(token).get("/conversations").then().statusCode(200);

    operator.logOut();
    operator.awaitLoginForm();
    assertThat(operator.appVisible()).isFalse();
    assertThat(operator.loginError()).as("no error after a logout").isEmpty();
    assertThat(operator.browser().sessionStorage().values())
        .as("sessionStorage after logout")
        .noneMatch(v -> v != null && v.contains(token));
    stack.api(token).get("/conversations").then().statusCode(401);
  }

  @Test
  void anExpiredStoredTokenBringsTheLoginPageWithTheSessionExpiredMessage() {
    Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
    String expired =
        Tokens.sign(
            stack.system.secret,
            Tokens.ISSUER,
            E2eStack.OPERATOR,
            Set.of("operator"),
            twoHoursAgo,
            Duration.ofHours(1));
    assertSessionExpiredWith(expired);
  }

  @Test
  void aStoredTokenWithAForeignSignatureBringsTheLoginPageWithTheSessionExpiredMessage() {
    String forged =
        Tokens.sign(
            "another-secret-0123456789abcdef0123456789abcdef",
            E2eStack.OPERATOR,
            Set.of("operator"));
    assertSessionExpiredWith(forged);
  }

  private void assertSessionExpiredWith(String badToken) {
    OperatorPage operator = loggedIn();
    stack.api(badToken).get("/conversations").then().statusCode(401);
    operator.replaceStoredToken(badToken);
    operator.browser().driver().navigate().refresh();

    operator.awaitLoginForm();
    operator.browser().until("the session-expired message", d -> !operator.loginError().isEmpty());
    assertThat(operator.loginError().toLowerCase()).contains("expired");
    assertThat(operator.appVisible()).isFalse();
    assertThat(operator.browser().sessionStorage().values())
        .as("the refused token is forgotten")
        .noneMatch(v -> v != null && v.contains(badToken));

    // And a new login works from there.
    operator.logIn(E2eStack.OPERATOR, E2eStack.OPERATOR_PASSWORD);
    operator.awaitConnection("connected");
  }
}
