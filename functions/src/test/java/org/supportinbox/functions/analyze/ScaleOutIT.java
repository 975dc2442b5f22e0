package org.supportinbox.functions.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.FunctionUnderTest;

/**
 * Several replicas as competing consumers: work spreads, a replica killed mid-analysis loses
 * nothing and duplicates nothing, SIGTERM drains.
 */
class ScaleOutIT extends ReplicasAgainstDouble {

  private FunctionUnderTest replica(String name) throws Exception {
    return replicas.start(name);
  }

  private static List<JsonPath> send(String prefix, int n) {
    List<JsonPath> messages = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      messages.add(Inbox.customerSays(prefix + " message " + i));
    }
    return messages;
  }

  private void assertEachAvailableOnce(List<JsonPath> messages) {
    await("every insight available")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> messages.stream().allMatch(m -> "available".equals(Inbox.status(m))));
    Set<String> ids = messages.stream().map(m -> m.getString("id")).collect(Collectors.toSet());
    await("ai.completed for each")
        .atMost(Duration.ofSeconds(10))
        .until(() -> ids.stream().allMatch(id -> inbox.completedFor(id) >= 1));
    // One insight per message (its primary key) with one final result, however often it ran.
    for (JsonPath m : messages) {
      assertThat(Inbox.insight(m.getString("conversation_id"), m.getString("id")))
          .containsEntry("status", "available")
          .containsEntry("intent", "billing");
    }
  }

  @Test
  void twoReplicasShareTheWork() throws Exception {
    ollama.latency(Duration.ofMillis(300));
    FunctionUnderTest a = replica("fn-share-a");
    FunctionUnderTest b = replica("fn-share-b");
    ollama.reset();
    List<JsonPath> messages = send("share", 16);
    assertEachAvailableOnce(messages);
    double byA = a.metric("ai_events_processed_total{result=\"available\"}");
    double byB = b.metric("ai_events_processed_total{result=\"available\"}");
    assertThat(byA).isPositive();
    assertThat(byB).isPositive();
    assertThat(byA + byB).isEqualTo(16.0);
    assertThat(ollama.maxConcurrentCalls()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aReplicaKilledMidAnalysisLosesNothing() throws Exception {
    ollama.latency(Duration.ofMillis(1500));
    FunctionUnderTest victim = replica("fn-kill-victim");
    List<JsonPath> messages = send("kill", 6);
    int callsBefore = ollama.calls().size();
    await("the victim is analysing")
        .atMost(Duration.ofSeconds(20))
        .until(() -> ollama.calls().size() > callsBefore);
    victim.sigkill();
    assertThat(victim.waitForExit(Duration.ofSeconds(10))).isNotZero();
    replica("fn-kill-survivor");
    assertEachAvailableOnce(messages);
    assertThat(inbox.depth("ai.analyze.dead")).isZero();
    assertThat(inbox.depth("ai.analyze")).isZero();
  }

  @Test
  void sigtermFinishesTheEventInFlightAndExits() throws Exception {
    ollama.latency(Duration.ofSeconds(2));
    FunctionUnderTest fn = replica("fn-term");
    int callsBefore = ollama.calls().size();
    JsonPath m = Inbox.customerSays("drain me");
    await("the replica is analysing")
        .atMost(Duration.ofSeconds(20))
        .until(() -> ollama.calls().size() > callsBefore);
    fn.sigterm();
    assertThat(fn.waitForExit(Duration.ofSeconds(30))).isZero();
    assertThat(Inbox.status(m)).isEqualTo("available");
    assertThat(fn.log()).contains("stopped: every event in flight was finished");
    assertThat(inbox.depth("ai.analyze")).isZero();
  }

  @Test
  void concurrencyBoundsTheCallsOfOneReplica() throws Exception {
    ollama.latency(Duration.ofMillis(400));
    replicas.start("fn-concurrency", Map.of("AI_CONCURRENCY", "3"));
    ollama.reset();
    List<JsonPath> messages = send("concurrency", 9);
    assertEachAvailableOnce(messages);
    assertThat(ollama.maxConcurrentCalls()).isBetween(2, 3);
  }
}
