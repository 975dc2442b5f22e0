package org.supportinbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The short form of {@code ./inbox chaos --pg-failover} inside {@code mvn verify}: a private
 * PostgreSQL primary and synchronous standby, the services given both in {@code POSTGRES_HOST}, 300
 * customer messages while the primary is stopped (immediate) and the standby promoted 5 s later. It
 * fails with the ledger's text when any count is wrong (a 2xx message lost or doubled, an insight
 * missing, an operator view differing from the database, a {@code 500} answered during the switch)
 * or when the failover was not done while the customers were sending. It needs root (or the
 * postgres user) and Debian's {@code pg_createcluster}, and {@code rabbitmq-server}.
 */
class FailoverChaosIT {

  @Test
  void nothingAcceptedIsLostOrDoubledWhenThePrimaryFailsOver() throws Exception {
    FailoverOptions options =
        FailoverOptions.shortForm(
                Path.of(System.getProperty("chaos.reportDir", "target/chaos-it"))
                    .resolve("pg-failover"))
            .validated();
    Report report = new FailoverRun(options).run();
    report.write(options.reportDir());
    String text = report.text();
    System.out.println(text);
    assertThat(report.counts).as("the ledger has its counts").isNotEmpty();
    assertThat(report.timeline).as("the stop and the promotion were done").hasSize(2);
    assertThat(report.passed()).as(text).isTrue();
  }
}
