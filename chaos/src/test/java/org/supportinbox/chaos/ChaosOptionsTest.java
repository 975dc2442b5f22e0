package org.supportinbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ChaosOptionsTest {

  private static final Path DIR = Path.of("target/x");

  @Test
  void defaultsAreTheIssueRun() {
    ChaosOptions o = ChaosOptions.parse(new String[0], DIR);
    assertThat(o.messages()).isEqualTo(5000);
    assertThat(o.ollamaOutageSeconds()).isEqualTo(30);
    assertThat(o.insightDeadlineSeconds()).isEqualTo(60);
    assertThat(o.windowMillis()).isEqualTo(250_000);
    assertThat(o.mails()).isEqualTo(200);
    assertThat(o.smtpOutageSeconds()).isEqualTo(60);
    assertThat(o.email()).isTrue();
  }

  @Test
  void theShortFormHasTheEmailPhaseWithAMinuteOfSmtpOutage() {
    ChaosOptions o = ChaosOptions.shortForm(DIR).validated();
    assertThat(o.messages()).isEqualTo(300);
    assertThat(o.mails()).isEqualTo(40);
    assertThat(o.smtpOutageSeconds()).isEqualTo(60);
    assertThat(ChaosOptions.parse(new String[] {"--mails", "0"}, DIR).email()).isFalse();
  }

  @Test
  void optionsOverrideDefaults() {
    ChaosOptions o =
        ChaosOptions.parse(
            new String[] {"--messages", "300", "--rate", "2.5", "--operators", "6"}, DIR);
    assertThat(o.messages()).isEqualTo(300);
    assertThat(o.rate()).isEqualTo(2.5);
    assertThat(o.operators()).isEqualTo(6);
    assertThat(o.windowMillis()).isEqualTo(120_000);
  }

  @Test
  void badOptionsAreRefused() {
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--nope", "1"}, DIR))
        .hasMessageContaining("unknown option --nope");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--messages"}, DIR))
        .hasMessageContaining("incomplete");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--rate", "x"}, DIR))
        .hasMessageContaining("needs a number");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--operators", "1"}, DIR))
        .hasMessageContaining("operators >= 2");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--mails", "-1"}, DIR))
        .hasMessageContaining("mails 0..100000");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--smtp-outage", "0"}, DIR))
        .hasMessageContaining("smtp-outage >= 1");
  }
}
