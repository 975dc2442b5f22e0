package org.supportinbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterRunTest {

  @Test
  void theVictimsAreTheNodesWithMostConnectionsInTurn() {
    List<List<String>> connections =
        List.of(List.of("gateway-1"), List.of("messaging-1", "ai-1", "ai-2"), List.of("a", "b"));
    int first = ClusterRun.busiest(connections, -1);
    assertThat(first).isEqualTo(1);
    assertThat(ClusterRun.busiest(connections, first)).isEqualTo(2);
  }

  @Test
  void aTieOrNoListingFallsOnTheLowerNode() {
    List<List<String>> none = List.of(List.of(), List.of(), List.of());
    assertThat(ClusterRun.busiest(none, -1)).isEqualTo(0);
    assertThat(ClusterRun.busiest(none, 0)).isEqualTo(1);
    assertThat(ClusterRun.busiest(none, 1)).isEqualTo(0);
  }
}
