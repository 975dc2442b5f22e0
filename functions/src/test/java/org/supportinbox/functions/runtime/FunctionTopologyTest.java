package org.supportinbox.functions.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.events.MessageCreated;

class FunctionTopologyTest {

  private final FunctionTopology topology =
      new FunctionTopology(
          "inbox.events",
          "ai.analyze",
          List.of(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30)),
          List.of(MessageCreated.TYPE));

  @Test
  void retryQueuesAreNamedByTheirDelayAndTheLastRepeats() {
    assertThat(topology.retryQueue(0)).isEqualTo("ai.analyze.retry.2000ms");
    assertThat(topology.retryQueue(1)).isEqualTo("ai.analyze.retry.10000ms");
    assertThat(topology.retryQueue(2)).isEqualTo("ai.analyze.retry.30000ms");
    assertThat(topology.retryQueue(7)).isEqualTo("ai.analyze.retry.30000ms");
    assertThat(topology.deadLetterQueue()).isEqualTo("ai.analyze.dead");
    assertThat(topology.retries()).isEqualTo(3);
  }

  @Test
  void theAttemptComesFromItsHeader() {
    assertThat(FunctionRuntime.attemptOf(new AMQP.BasicProperties())).isEqualTo(1);
    assertThat(
            FunctionRuntime.attemptOf(
                new AMQP.BasicProperties.Builder().headers(Map.of("x-attempt", 3)).build()))
        .isEqualTo(3);
    assertThat(
            FunctionRuntime.attemptOf(
                new AMQP.BasicProperties.Builder().headers(Map.of("x-attempt", "3")).build()))
        .isEqualTo(1);
  }
}
