package org.supportinbox.messaging.api.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.supportinbox.messaging.api.rest.Api.asService;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supportinbox.testing.PayaraMicro;

/**
 * Snoozing: a conversation leaves the open view until its time (or until the customer writes,
 * whichever is first), each change a {@code conversation.updated}; with two messaging instances
 * checking, each snoozed conversation wakes exactly once.
 */
class SnoozeIT {

  private static void snooze(UUID conversation, Instant until) {
    asService()
        .body("{\"status\":\"snoozed\",\"snoozed_until\":\"" + until + "\"}")
        .patch("/conversations/" + conversation)
        .then()
        .statusCode(200)
        .body("status", equalTo("snoozed"))
        .body("snoozed_until", equalTo(until.truncatedTo(ChronoUnit.MICROS).toString()));
  }

  private static String status(UUID conversation) {
    return asService().get("/conversations/" + conversation).then().extract().path("status");
  }

  /** conversation.updated events of the conversation, as "status/snoozed_until" in order. */
  private static String updates(UUID conversation) {
    return Api.query(
        "select string_agg(payload->>'status' || '/' || coalesce(payload->>'snoozed_until', '-'),"
            + " ',' order by id) from outbox where event_type = 'conversation.updated'"
            + " and conversation_id = '"
            + conversation
            + "'");
  }

  @Test
  void aCustomersMessageEndsTheSnooze() {
    UUID c = Api.customerSays(null, "snooze me");
    Instant until = Instant.now().plus(Duration.ofHours(3));
    snooze(c, until);
    asService()
        .get("/conversations/" + c)
        .then()
        .body("status", equalTo("snoozed"))
        .body("snoozed_until", notNullValue());
    Api.customerSays(c, "are you there?");
    asService()
        .get("/conversations/" + c)
        .then()
        .body("status", equalTo("open"))
        .body("snoozed_until", nullValue());
    assertEquals("snoozed/" + until.truncatedTo(ChronoUnit.MICROS) + ",open/-", updates(c));
  }

  @Test
  void anyOtherStatusEndsTheSnooze() {
    UUID c = Api.customerSays(null, "snooze then resolve");
    snooze(c, Instant.now().plus(Duration.ofDays(2)));
    asService()
        .body("{\"status\":\"resolved\"}")
        .patch("/conversations/" + c)
        .then()
        .statusCode(200)
        .body("snoozed_until", nullValue());
  }

  @Test
  void snoozesEndOnTimeAndOnceWithTwoInstancesChecking() throws Exception {
    try (PayaraMicro second = Api.MESSAGING.startSecondInstance()) {
      List<UUID> conversations = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        conversations.add(Api.customerSays(null, "wake me " + i));
      }
      Instant until = Instant.now().plusSeconds(2);
      for (UUID c : conversations) {
        snooze(c, until);
      }
      Instant deadline = Instant.now().plusSeconds(30);
      while (conversations.stream().anyMatch(c -> !"open".equals(status(c)))
          && Instant.now().isBefore(deadline)) {
        Thread.sleep(250);
      }
      Instant woke = Instant.now();
      for (UUID c : conversations) {
        assertEquals("open", status(c), "woken by " + deadline);
      }
      // Let the slower instance's next checks pass too: still one wake-up each.
      Thread.sleep(6_000);
      for (UUID c : conversations) {
        assertEquals(
            "snoozed/" + until.truncatedTo(ChronoUnit.MICROS) + ",open/-", updates(c), c + "");
      }
      // The alarm checks every 5 s: woken within about that of the time, never before.
      org.junit.jupiter.api.Assertions.assertTrue(
          woke.isBefore(until.plusSeconds(12)), "woke at " + woke + " for " + until);
    }
  }

  @ParameterizedTest(name = "{0} -> 400 {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"status\":\"snoozed\"}| snoozed_until",
        "{\"status\":\"snoozed\",\"snoozed_until\":\"2020-01-01T00:00:00Z\"}| snoozed_until",
        "{\"status\":\"snoozed\",\"snoozed_until\":\"2999-01-01T00:00:00Z\"}| snoozed_until",
        "{\"status\":\"snoozed\",\"snoozed_until\":\"tomorrow\"}| snoozed_until",
        "{\"status\":\"open\",\"snoozed_until\":\"2999-01-01T00:00:00Z\"}| snoozed_until",
      })
  void badSnoozesAre400AndChangeNothing(String body, String field) {
    UUID c = Api.customerSays(null, "bad snooze");
    asService()
        .body(body)
        .patch("/conversations/" + c)
        .then()
        .statusCode(400)
        .body("field", equalTo(field));
    assertEquals("open", status(c));
    assertEquals(null, updates(c));
  }
}
