package org.supportinbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterOptionsTest {

  private static final Path DIR = Path.of("target/x");

  @Test
  void defaultsAreTwoOfEveryServiceOnTheCluster() {
    ClusterOptions o = ClusterOptions.parse(List.of(), DIR);
    assertThat(o.messages()).isEqualTo(2000);
    assertThat(o.messagingInstances()).isEqualTo(2);
    assertThat(o.gateways()).isEqualTo(2);
    assertThat(o.replicas()).isEqualTo(2);
    assertThat(o.nodeDownSeconds()).isEqualTo(10);
    assertThat(o.windowMillis()).isEqualTo(200_000);
    assertThat(o.ledgerOptions().insightDeadlineSeconds()).isEqualTo(60);
    assertThat(o.ledgerOptions().sendGiveUpSeconds()).isEqualTo(300);
  }

  @Test
  void theShortFormIsSmallerWithTheSameFaults() {
    ClusterOptions o = ClusterOptions.shortForm(DIR).validated();
    assertThat(o.messages()).isEqualTo(400);
    assertThat(o.messagingInstances()).isEqualTo(1);
    assertThat(o.nodeDownSeconds()).isEqualTo(10);
  }

  @Test
  void optionsOverrideDefaultsAndBadOnesAreRefused() {
    ClusterOptions o =
        ClusterOptions.parse(
            List.of("--messages", "100", "--gateways", "3", "--operators", "3"), DIR);
    assertThat(o.messages()).isEqualTo(100);
    assertThat(o.gateways()).isEqualTo(3);
    assertThatThrownBy(() -> ClusterOptions.parse(List.of("--nope", "1"), DIR))
        .hasMessageContaining("unknown option --nope");
    assertThatThrownBy(() -> ClusterOptions.parse(List.of("--gateways", "5"), DIR))
        .hasMessageContaining("operators >= gateways");
    assertThatThrownBy(() -> ClusterOptions.parse(List.of("--node-down", "x"), DIR))
        .hasMessageContaining("needs a number");
  }
}
