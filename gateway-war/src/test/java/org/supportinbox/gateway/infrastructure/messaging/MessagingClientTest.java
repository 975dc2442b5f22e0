package org.supportinbox.gateway.infrastructure.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessagingClientTest {

  @Test
  void messagingsOwnAnswersArePassedOn() {
    assertThat(MessagingClient.isMessagingAnswer(201, "application/json")).isTrue();
    assertThat(MessagingClient.isMessagingAnswer(200, "")).isTrue();
    assertThat(MessagingClient.isMessagingAnswer(404, "application/json")).isTrue();
    assertThat(MessagingClient.isMessagingAnswer(400, "application/json;charset=UTF-8")).isTrue();
    assertThat(MessagingClient.isMessagingAnswer(503, "Application/JSON")).isTrue();
  }

  @Test
  void anErrorWithoutJsonIsNotMessagingSpeaking() {
    // Payara Micro's answer while messaging's port is open but the WAR not yet deployed (seen by
    // ./inbox chaos after a messaging SIGKILL and restart).
    assertThat(MessagingClient.isMessagingAnswer(404, "text/html;charset=ISO-8859-1")).isFalse();
    assertThat(MessagingClient.isMessagingAnswer(503, "text/plain")).isFalse();
    assertThat(MessagingClient.isMessagingAnswer(500, "")).isFalse();
  }
}
