package org.supportinbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The short form of {@code ./inbox chaos --cluster} inside {@code mvn verify}: a private 3-node
 * RabbitMQ cluster, the services given all three addresses, 400 customer messages while node a and
 * then node b are SIGKILLed and restarted. It fails with the ledger's text when any count is wrong
 * (a message lost or doubled, an insight missing, an operator view differing from the database, a
 * quorum queue without a member on every node).
 */
class ClusterChaosIT {

  @Test
  void nothingIsLostOrDoubledWhenBrokerNodesDie() throws Exception {
    ClusterOptions options =
        ClusterOptions.shortForm(
                Path.of(System.getProperty("chaos.reportDir", "target/chaos-it"))
                    .resolve("cluster"))
            .validated();
    Report report = new ClusterRun(options).run();
    report.write(options.reportDir());
    String text = report.text();
    System.out.println(text);
    assertThat(report.counts).as("the ledger has its counts").isNotEmpty();
    assertThat(report.timeline).as("both node kills were done").hasSize(2);
    assertThat(report.passed()).as(text).isTrue();
  }
}
