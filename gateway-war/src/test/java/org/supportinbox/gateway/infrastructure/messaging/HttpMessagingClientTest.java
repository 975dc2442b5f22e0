package org.supportinbox.gateway.infrastructure.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HttpMessagingClientTest {

  @Test
  void messagingsOwnAnswersArePassedOn() {
    assertTrue(HttpMessagingClient.isMessagingAnswer(201, "application/json"));
    assertTrue(HttpMessagingClient.isMessagingAnswer(200, ""));
    assertTrue(HttpMessagingClient.isMessagingAnswer(404, "application/json"));
    assertTrue(HttpMessagingClient.isMessagingAnswer(400, "application/json;charset=UTF-8"));
    assertTrue(HttpMessagingClient.isMessagingAnswer(503, "Application/JSON"));
  }

  @Test
  void anErrorWithoutJsonIsNotMessagingSpeaking() {
    // Payara Micro's answer while messaging's port is open but the WAR not yet deployed (seen by
    // ./inbox chaos after a messaging SIGKILL and restart).
    assertFalse(HttpMessagingClient.isMessagingAnswer(404, "text/html;charset=ISO-8859-1"));
    assertFalse(HttpMessagingClient.isMessagingAnswer(503, "text/plain"));
    assertFalse(HttpMessagingClient.isMessagingAnswer(500, ""));
  }
}
