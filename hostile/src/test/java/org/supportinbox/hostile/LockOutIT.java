package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security review, item 3: nobody can lock an account out for its owner. Before the fix the
 * lock-out counted failures per user name from anywhere, refused the right password too, and never
 * forgot a failure, so one wrong guess every 15 minutes kept an admin locked out for ever. Now
 * failures count per user name and client address (an IPv6 /64), decay, lock only that address, and
 * the name-wide count only slows addresses that have failed; every lock is in the audit log.
 *
 * <p>Clients at other addresses are other loopback addresses ({@code 127.0.0.x}). The gateway under
 * test allows 3 free failures, locks of 1 s doubling to 4 s, forgives a failure every {@value
 * HostileStack#LOGIN_FAILURE_DECAY_SECONDS} s and puts a name under attack at {@value
 * HostileStack#LOGIN_NAME_MAX_FAILURES} failures.
 */
class LockOutIT {

  private static HostileStack stack;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
  }

  private static String account(String password) {
    String name = "lock-" + UUID.randomUUID().toString().substring(0, 8);
    stack.createOperator(name, name, password);
    return name;
  }

  private static Response login(String from, String username, String password) {
    return stack
        .apiFrom(from)
        .body(HostileStack.json(Map.of("username", username, "password", password)))
        .post("/login");
  }

  @Test
  void guessesFromOneAddressDoNotLockTheOwnerOut() {
    String password = "owner-password-01234567";
    String name = account(password);
    for (int i = 0; i < 3; i++) {
      assertThat(login("127.0.0.11", name, "guess-" + i).statusCode()).isEqualTo(401);
    }
    Response attacker = login("127.0.0.11", name, password);
    assertThat(attacker.statusCode())
        .as("the right password from the guessing address")
        .isEqualTo(429);
    assertThat(attacker.header("Retry-After")).isNotNull();

    assertThat(login("127.0.0.12", name, password).statusCode())
        .as("the owner at another address")
        .isEqualTo(200);
    assertThat(stack.gatewayRows("select action, client from audit_log where subject = ?", name))
        .contains(List.of("login.locked", "127.0.0.11"));
  }

  /**
   * The gateway trusts no proxy (TRUSTED_PROXIES unset, the default): a guesser that writes a new
   * X-Forwarded-For each time is still counted by its own address.
   */
  @Test
  void aForgedForwardedForDoesNotEscapeTheLockOut() {
    String password = "forwarded-password-01234";
    String name = account(password);
    for (int i = 0; i < 3; i++) {
      Response guess =
          stack
              .apiFrom("127.0.0.14")
              .header("X-Forwarded-For", "203.0.113." + (10 + i))
              .body(HostileStack.json(Map.of("username", name, "password", "guess-" + i)))
              .post("/login");
      assertThat(guess.statusCode()).isEqualTo(401);
    }
    Response again =
        stack
            .apiFrom("127.0.0.14")
            .header("X-Forwarded-For", "203.0.113.99")
            .body(HostileStack.json(Map.of("username", name, "password", password)))
            .post("/login");
    assertThat(again.statusCode())
        .as("a fresh X-Forwarded-For from the locked address")
        .isEqualTo(429);
    assertThat(
            stack.gatewayRows(
                "select distinct client from audit_log where subject = ? and action like 'login.%'",
                name))
        .as("every failure and the lock counted for the peer, not the header")
        .containsOnly(List.of("127.0.0.14"));
  }

  @Test
  void aSlowTrickleOfGuessesNeverLocks() throws Exception {
    String password = "trickle-password-0123456";
    String name = account(password);
    // Two guesses, then a pause of more than two decay intervals, twice over: four guesses, more
    // than the free three, but never three at once after decay.
    for (int round = 0; round < 2; round++) {
      assertThat(login("127.0.0.13", name, "guess-a").statusCode()).isEqualTo(401);
      assertThat(login("127.0.0.13", name, "guess-b").statusCode()).isEqualTo(401);
      Thread.sleep((2L * HostileStack.LOGIN_FAILURE_DECAY_SECONDS + 1) * 1000);
    }
    assertThat(login("127.0.0.13", name, password).statusCode())
        .as("the right password from the same address after the trickle")
        .isEqualTo(200);
  }

  @Test
  void aNameUnderAttackSlowsFailedAddressesButNotOthers() {
    String password = "attacked-password-012345";
    String name = account(password);
    // Two addresses use up their free failures: six in all, the name-wide limit.
    for (String from : List.of("127.0.0.21", "127.0.0.22")) {
      for (int i = 0; i < 3; i++) {
        assertThat(login(from, name, "guess-" + i).statusCode()).isEqualTo(401);
      }
    }
    // A third address still gets a guess, but after one failure it waits (without the name-wide
    // limit it would have had three).
    assertThat(login("127.0.0.23", name, "guess-x").statusCode()).isEqualTo(401);
    Response slowed = login("127.0.0.23", name, "guess-y");
    assertThat(slowed.statusCode()).isEqualTo(429);
    assertThat(slowed.jsonPath().getString("error")).isEqualTo("too_many_attempts");
    // The right password from an address that has not failed is accepted.
    assertThat(login("127.0.0.24", name, password).statusCode()).isEqualTo(200);
    assertThat(stack.gatewayRows("select action from audit_log where subject = ?", name))
        .contains(List.of("login.locked"), List.of("login.name_under_attack"));
  }
}
