package org.supportinbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The short form of {@code ./inbox chaos} inside {@code mvn verify}: 300 customer messages, 40
 * customer mails answered by email, and the same seven faults (the SMTP server down for a minute
 * among them), on a private RabbitMQ node, fresh databases, real mail servers and real processes.
 * It fails with the ledger's text when any count is wrong.
 */
class ChaosIT {

  @Test
  void nothingIsLostOrDoubledThroughTheFaults() throws Exception {
    ChaosOptions options =
        ChaosOptions.shortForm(Path.of(System.getProperty("chaos.reportDir", "target/chaos-it")))
            .validated();
    Report report = new ChaosRun(options).run();
    report.write(options.reportDir());
    String text = report.text();
    System.out.println(text);
    assertThat(report.counts).as("the ledger has its counts").isNotEmpty();
    assertThat(report.passed()).as(text).isTrue();
  }
}
