package org.supportinbox.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.supportinbox.contracts.rest.CustomerMessage;
import org.supportinbox.contracts.rest.NewMessage;
import org.supportinbox.testing.JsonWire;

/**
 * Sends {@code POST /messages} as a customer would through the gateway: service token, one of a
 * fixed set of conversations (so each gets many messages and its row lock is exercised), a unique
 * {@code client_message_id} per request (so none is an idempotent replay).
 */
final class IngestLoad extends HttpLoad {

  private final URI messages;
  private final String authorization;
  private final List<UUID> conversations;

  IngestLoad(URI baseUrl, String token, int conversationCount, String runId) {
    super(runId);
    this.messages = baseUrl.resolve("/messages");
    this.authorization = "Bearer " + token;
    List<UUID> ids = new ArrayList<>(conversationCount);
    for (int i = 0; i < conversationCount; i++) {
      ids.add(UUID.randomUUID());
    }
    this.conversations = List.copyOf(ids);
  }

  @Override
  HttpRequest nextRequest() {
    UUID conversation =
        conversations.get(ThreadLocalRandom.current().nextInt(conversations.size()));
    CustomerMessage m = nextMessage();
    String body =
        JsonWire.write(
            NewMessage.fromCustomer(conversation, "Bench", null, m.content(), m.clientMessageId()));
    return post(messages, authorization, body);
  }
}
