package org.supportinbox.messaging.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code EMAIL_FALLBACK_AFTER}: ISO-8601 or seconds, off with 0 or off, at most a week. */
class EmailFallbackAfterTest {

  @Test
  void isoDurationsAndSecondsAreTaken() {
    assertThat(MessagingConfig.fallbackAfter("PT5M")).contains(Duration.ofMinutes(5));
    assertThat(MessagingConfig.fallbackAfter(" pt2s ")).contains(Duration.ofSeconds(2));
    assertThat(MessagingConfig.fallbackAfter("300")).contains(Duration.ofMinutes(5));
    assertThat(MessagingConfig.fallbackAfter("PT168H")).contains(Duration.ofDays(7));
  }

  @Test
  void zeroOrOffTurnItOff() {
    assertThat(MessagingConfig.fallbackAfter("0")).isEqualTo(Optional.empty());
    assertThat(MessagingConfig.fallbackAfter("OFF")).isEqualTo(Optional.empty());
  }

  @Test
  void anythingElseIsAStartUpProblemThatNamesIt() {
    for (String bad : new String[] {"5m", "-PT1M", "PT0S", "PT169H", "", "soon", "1.5"}) {
      assertThatThrownBy(() -> MessagingConfig.fallbackAfter(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("EMAIL_FALLBACK_AFTER");
    }
  }
}
