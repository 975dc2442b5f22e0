package org.supportinbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverOptionsTest {

  private static final Path DIR = Path.of("target/x");

  @Test
  void defaultsAreSynchronousReplicationAndAFiveSecondPromotion() {
    FailoverOptions o = FailoverOptions.parse(List.of(), DIR);
    assertThat(o.messages()).isEqualTo(1000);
    assertThat(o.synchronous()).isTrue();
    assertThat(o.stopAtPercent()).isEqualTo(40);
    assertThat(o.promoteAfterSeconds()).isEqualTo(5);
    assertThat(o.windowMillis()).isEqualTo(100_000);
    assertThat(o.ledgerOptions().insightDeadlineSeconds()).isEqualTo(120);
    assertThat(o.ledgerOptions().sendGiveUpSeconds()).isEqualTo(300);
  }

  @Test
  void theShortFormIsSmallerWithTheSameFailover() {
    FailoverOptions o = FailoverOptions.shortForm(DIR).validated();
    assertThat(o.messages()).isEqualTo(300);
    assertThat(o.windowMillis()).isEqualTo(60_000);
    assertThat(o.gateways()).isEqualTo(1);
    assertThat(o.synchronous()).isTrue();
    assertThat(o.promoteAfterSeconds()).isEqualTo(5);
  }

  @Test
  void optionsOverrideDefaultsAndBadOnesAreRefused() {
    FailoverOptions o =
        FailoverOptions.parse(List.of("--replication", "async", "--promote-after", "0"), DIR);
    assertThat(o.synchronous()).isFalse();
    assertThat(o.promoteAfterSeconds()).isZero();
    assertThatThrownBy(() -> FailoverOptions.parse(List.of("--replication", "quorum"), DIR))
        .hasMessageContaining("sync or async");
    assertThatThrownBy(() -> FailoverOptions.parse(List.of("--stop-at", "95"), DIR))
        .hasMessageContaining("stop-at 1..90");
    assertThatThrownBy(() -> FailoverOptions.parse(List.of("--nope", "1"), DIR))
        .hasMessageContaining("unknown option --nope");
    assertThatThrownBy(() -> FailoverOptions.parse(List.of("--gateways", "5"), DIR))
        .hasMessageContaining("operators >= gateways");
  }
}
