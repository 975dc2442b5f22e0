package org.supportinbox.messaging.infrastructure.outbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.events.MessageCreated;
import org.supportinbox.testing.MessagingUnderTest;
import org.supportinbox.testing.PayaraMicro;

class OutboxRelayIT {

  private static final MessagingUnderTest MESSAGING = MessagingUnderTest.get();

  private EventTap tap;

  @BeforeEach
  void tap() throws Exception {
    tap = new EventTap(MESSAGING.vhost.connectionFactory(), MessagingUnderTest.EXCHANGE);
  }

  @AfterEach
  void untap() throws Exception {
    MESSAGING.brokerProxy.restore();
    tap.close();
  }

  private static JsonPath post(String baseUrl, UUID conversation, String content) {
    return given()
        .baseUri(baseUrl)
        .header("Authorization", "Bearer " + MESSAGING.serviceToken())
        .contentType(ContentType.JSON)
        .body(
            "{\"sender\":\"customer\",\"conversation_id\":\""
                + conversation
                + "\",\"content\":\""
                + content
                + "\"}")
        .post("/messages")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static String post(UUID conversation, String content) {
    return post(MESSAGING.server().baseUrl(), conversation, content).getString("id");
  }

  @Test
  void aStoredMessageIsPublishedAsMessageCreated() {
    UUID conversation = UUID.randomUUID();
    JsonPath stored = post(MESSAGING.server().baseUrl(), conversation, "Is my refund done?");
    String id = stored.getString("id");

    await().atMost(Duration.ofSeconds(15)).until(() -> tap.messageIds().contains(id));
    EventTap.Delivery d =
        tap.deliveries.stream()
            .filter(x -> x.body().getString("message_id").equals(id))
            .findFirst()
            .orElseThrow();
    assertEquals("message.created", d.routingKey());
    assertEquals(2, d.properties().getDeliveryMode(), "persistent");
    assertEquals("application/json", d.properties().getContentType());
    assertEquals(d.body().getString("event_id"), d.properties().getMessageId());
    assertEquals("message.created", d.body().getString("event_type"));
    assertEquals(MessageCreated.SCHEMA_VERSION, d.body().getInt("schema_version"));
    assertTrue(d.body().isNull("client_message_id"), "none was sent: null, written out");
    assertEquals(conversation.toString(), d.body().getString("conversation_id"));
    assertEquals("customer", d.body().getString("sender"));
    assertEquals("Is my refund done?", d.body().getString("content"));
    assertEquals(stored.getString("created_at"), d.body().getString("created_at"));
  }

  @Test
  void eventsOfAConversationArriveInTheOrderItsMessagesWereStored() throws Exception {
    Map<UUID, List<String>> sent = new HashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < 3; c++) {
        UUID conversation = UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        sent.put(conversation, ids);
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    ids.add(post(conversation, "m" + i));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    int total = sent.values().stream().mapToInt(List::size).sum();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> sent.values().stream().allMatch(ids -> tap.messageIds().containsAll(ids)));
    for (List<String> ids : sent.values()) {
      List<String> arrived = tap.messageIds().stream().filter(ids::contains).toList();
      assertEquals(ids, arrived);
    }
    assertEquals(total, new LinkedHashSet<>(tap.messageIds()).size());
  }

  @Test
  void messagesAcceptedWhileTheBrokerIsUnreachableArePublishedOnceItReturns() throws Exception {
    MESSAGING.brokerProxy.cut();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> MESSAGING.server().readiness().contains("\"DOWN\""));

    UUID conversation = UUID.randomUUID();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(post(conversation, "during outage " + i));
    }
    assertEquals(20, unpublished(conversation), "all waiting in the outbox");
    Thread.sleep(1_000);
    assertTrue(tap.messageIds().stream().noneMatch(ids::contains), "nothing got through");

    MESSAGING.brokerProxy.restore();
    await().atMost(Duration.ofSeconds(60)).until(() -> tap.messageIds().containsAll(ids));
    Thread.sleep(2_000); // a duplicate would arrive right behind
    List<String> arrived = tap.messageIds().stream().filter(ids::contains).toList();
    assertEquals(ids, arrived, "each exactly once, in order");
    assertEquals(0, unpublished(conversation));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !MESSAGING.server().readiness().contains("\"DOWN\""));
  }

  @Test
  void twoInstancesNeverPublishARowTwiceAndKeepConversationOrder() throws Exception {
    try (PayaraMicro second = MESSAGING.startSecondInstance()) {
      String[] urls = {MESSAGING.server().baseUrl(), second.baseUrl()};
      Map<UUID, List<String>> sent = new HashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
          UUID conversation = UUID.randomUUID();
          List<String> ids = new ArrayList<>();
          sent.put(conversation, ids);
          done.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 25; i++) {
                      // alternate instances within one conversation
                      ids.add(post(urls[i % 2], conversation, "m" + i).getString("id"));
                    }
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> sent.values().stream().allMatch(ids -> tap.messageIds().containsAll(ids)));
      Thread.sleep(2_000);
      for (List<String> ids : sent.values()) {
        assertEquals(ids, tap.messageIds().stream().filter(ids::contains).toList());
      }
      assertEquals(tap.messageIds().size(), new LinkedHashSet<>(tap.messageIds()).size());
    }
  }

  @Test
  void aConversationChangeIsPublishedAsConversationUpdated() {
    UUID conversation = UUID.randomUUID();
    post(conversation, "please assign");
    given()
        .baseUri(MESSAGING.server().baseUrl())
        .header("Authorization", "Bearer " + MESSAGING.operatorToken("bob"))
        .contentType(ContentType.JSON)
        .body("{\"status\":\"pending\",\"assignee\":\"bob\"}")
        .patch("/conversations/" + conversation)
        .then()
        .statusCode(200);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                tap.deliveries.stream()
                    .anyMatch(
                        d ->
                            d.routingKey().equals("conversation.updated")
                                && d.body()
                                    .getString("conversation_id")
                                    .equals(conversation.toString())));
    EventTap.Delivery d =
        tap.deliveries.stream()
            .filter(x -> x.routingKey().equals("conversation.updated"))
            .filter(x -> x.body().getString("conversation_id").equals(conversation.toString()))
            .findFirst()
            .orElseThrow();
    assertEquals("pending", d.body().getString("status"));
    assertEquals("bob", d.body().getString("assignee"));
    assertEquals("conversation.updated", d.body().getString("event_type"));
    assertEquals(d.body().getString("event_id"), d.properties().getMessageId());
  }

  @Test
  void anArticleChangeIsPublishedAsArticleChangedWithoutAConversation() {
    String id = UUID.randomUUID().toString();
    given()
        .baseUri(MESSAGING.server().baseUrl())
        .header("Authorization", "Bearer " + MESSAGING.operatorToken("bob"))
        .contentType(ContentType.JSON)
        .body("{\"title\":\"Relayed\",\"body\":\"b\",\"language\":\"nl\"}")
        .put("/kb/articles/" + id)
        .then()
        .statusCode(201);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                tap.deliveries.stream()
                    .anyMatch(
                        d ->
                            d.routingKey().equals("article.changed")
                                && d.body().getString("article_id").equals(id)));
    EventTap.Delivery d =
        tap.deliveries.stream()
            .filter(x -> x.routingKey().equals("article.changed"))
            .filter(x -> x.body().getString("article_id").equals(id))
            .findFirst()
            .orElseThrow();
    assertEquals("created", d.body().getString("change"));
    assertEquals(1, d.body().getInt("version"));
    assertEquals("nl", d.body().getString("language"));
    assertEquals(d.body().getString("event_id"), d.properties().getMessageId());
    assertEquals("article.changed", d.properties().getType());
    assertTrue(d.properties().getHeaders().containsKey("inbox-signature"));
    assertTrue(
        !d.properties().getHeaders().containsKey("conversation_id"), "no conversation header");
  }

  @Test
  void aReanalysisIsPublishedAsAiRequestedAfterItsMessageCreated() {
    UUID conversation = UUID.randomUUID();
    JsonPath stored = post(MESSAGING.server().baseUrl(), conversation, "Charged twice");
    String id = stored.getString("id");
    given()
        .baseUri(MESSAGING.server().baseUrl())
        .header("Authorization", "Bearer " + MESSAGING.operatorToken("bob"))
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/messages/" + id + "/reanalyze")
        .then()
        .statusCode(202);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> tap.deliveries.stream().anyMatch(x -> isAiRequested(x, id)));
    EventTap.Delivery d =
        tap.deliveries.stream().filter(x -> isAiRequested(x, id)).findFirst().orElseThrow();
    assertEquals(2, d.properties().getDeliveryMode(), "persistent");
    assertEquals("application/json", d.properties().getContentType());
    assertEquals("ai.requested", d.properties().getType());
    assertEquals(d.body().getString("event_id"), d.properties().getMessageId());
    assertEquals(
        conversation.toString(), d.properties().getHeaders().get("conversation_id").toString());
    assertEquals("ai.requested", d.body().getString("event_type"));
    assertEquals(1, d.body().getInt("schema_version"));
    assertEquals(conversation.toString(), d.body().getString("conversation_id"));
    assertEquals("customer", d.body().getString("sender"));
    assertTrue(d.body().isNull("sender_name"), "none was given");
    assertEquals("Charged twice", d.body().getString("content"));
    assertEquals(
        Instant.parse(stored.getString("created_at")),
        Instant.parse(d.body().getString("created_at")));
    assertEquals("bob", d.body().getString("requested_by"));
    assertTrue(d.body().containsKey("occurred_at"));
    // Same conversation, so in order: the message first, then the request to analyse it again.
    List<String> order =
        tap.deliveries.stream()
            .filter(x -> x.body().getString("message_id", "").equals(id))
            .map(EventTap.Delivery::routingKey)
            .toList();
    assertEquals(List.of("message.created", "ai.requested"), order);
  }

  private static boolean isAiRequested(EventTap.Delivery d, String messageId) {
    return d.routingKey().equals("ai.requested")
        && d.body().getString("message_id").equals(messageId);
  }

  @Test
  void publishedRowsArePurgedAfterTheRetentionPeriod() throws Exception {
    UUID conversation = UUID.randomUUID();
    String old = post(conversation, "old news");
    String recent = post(conversation, "fresh");
    await().atMost(Duration.ofSeconds(15)).until(() -> unpublished(conversation) == 0);
    // Pretend the first was published long ago (retention defaults to 168 h).
    execute(
        "update outbox set published_at = now() - interval '200 hours' where payload->>"
            + "'message_id' = '"
            + old
            + "'");
    // The relay purges at most once a minute.
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> outboxRows(old) == 0);
    assertEquals(1, outboxRows(recent));
  }

  private static int outboxRows(String messageId) throws Exception {
    try (Connection c = MESSAGING.database.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select count(*) from outbox where payload->>'message_id' = '" + messageId + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void execute(String sql) throws Exception {
    try (Connection c = MESSAGING.database.connect();
        Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  private static int unpublished(UUID conversation) throws Exception {
    try (Connection c = MESSAGING.database.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select count(*) from outbox where published_at is null and conversation_id = '"
                    + conversation
                    + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
