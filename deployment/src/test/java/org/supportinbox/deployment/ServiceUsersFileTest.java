package org.supportinbox.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * deployment/rabbitmq/service-users.conf against the sources: its shape, and the services' broker
 * calls still being the ones it was written for (RabbitMqPermissionsIT proves the rules themselves
 * on a broker). A new broker call anywhere else fails here, so that its rights are thought about.
 */
class ServiceUsersFileTest {

  /** Calls of amqp-client's Channel that RabbitMQ checks permissions for. */
  private static final Pattern BROKER_CALL =
      Pattern.compile(
          "\\.(basicPublish|basicConsume|basicGet|queueDeclare|queueBind|queueUnbind|queueDelete"
              + "|queuePurge|exchangeDeclare|exchangeBind|exchangeUnbind|exchangeDelete)\\(");

  /** Where the services call the broker: the classes the file's comments name. */
  static final Set<String> BROKER_CLASSES =
      Set.of(
          "messaging-war/src/main/java/org/supportinbox/messaging/infrastructure/rabbitmq/RabbitMqEventPublisher.java",
          "gateway-war/src/main/java/org/supportinbox/gateway/infrastructure/rabbitmq/RabbitMqEventSubscriber.java",
          "functions/src/main/java/org/supportinbox/functions/runtime/FunctionTopology.java",
          "functions/src/main/java/org/supportinbox/functions/runtime/FunctionRuntime.java",
          "functions/src/main/java/org/supportinbox/functions/runtime/ConfirmedPublisher.java",
          // The mail function's reader lease (mail-function's configure right on its queue).
          "functions/src/main/java/org/supportinbox/functions/mail/ReaderLease.java");

  @Test
  void eachServiceUserHasOneVhostRuleAndOneTopicRuleOnTheEventExchange() {
    ServiceUsersFile file = ServiceUsersFile.load();
    assertThat(file.users())
        .containsOnlyKeys("messaging", "gateway", "ai-function", "mail-function")
        .containsValues(
            "RABBITMQ_MESSAGING_PASSWORD",
            "RABBITMQ_GATEWAY_PASSWORD",
            "RABBITMQ_FUNCTIONS_PASSWORD",
            "RABBITMQ_MAIL_PASSWORD");
    for (String user : file.users().keySet()) {
      assertThat(file.rules("vhost", user)).as(user + "'s vhost line").hasSize(1);
      assertThat(file.rules("vhost", user).get(0)).as(user).hasSize(5);
      assertThat(file.rules("topic", user)).as(user + "'s topic line").hasSize(1);
      assertThat(file.rules("topic", user).get(0))
          .as(user)
          .hasSize(5)
          .element(2)
          .isEqualTo("{exchange}");
    }
    for (List<String> line : file.lines()) {
      assertThat(line.get(0)).as(String.join(" ", line)).isIn("user", "vhost", "topic");
    }
  }

  @Test
  void theServicesCallTheBrokerOnlyWhereTheFileSays() {
    Set<String> calling = new TreeSet<>();
    for (String module :
        List.of("contracts", "auth", "platform", "messaging-war", "gateway-war", "functions")) {
      for (Path file : Repo.files(module + "/src/main/java", ".java")) {
        if (BROKER_CALL.matcher(Repo.read(file)).find()) {
          calling.add(Repo.name(file));
        }
      }
    }
    assertThat(calling).containsExactlyInAnyOrderElementsOf(BROKER_CLASSES);
  }

  @Test
  void theObjectsTheRulesNameAreTheServicesOwn() {
    // The gateway's rules allow gateway.fanout.<UUID> and nothing else of its own.
    assertThat(
            Repo.read(
                "gateway-war/src/main/java/org/supportinbox/gateway/infrastructure/rabbitmq/RabbitMqEventSubscriber.java"))
        .contains("\"gateway.fanout.\" + UUID.randomUUID()");
    // The functions' rules allow AI_QUEUE, AI_QUEUE.dead and AI_QUEUE.retry.<ms>ms.
    String topology =
        Repo.read(
            "functions/src/main/java/org/supportinbox/functions/runtime/FunctionTopology.java");
    assertThat(topology)
        .contains("queue + \".dead\"")
        .contains("queue + \".retry.\" + delay.toMillis() + \"ms\"")
        .contains("\"x-dead-letter-exchange\", \"\"");
    // The mail function's rules allow its lease's queue, by the name ReaderLease declares.
    assertThat(
            Repo.read("functions/src/main/java/org/supportinbox/functions/mail/ReaderLease.java"))
        .contains("QUEUE = \"mail.reader.lease\"");
    assertThat(Repo.read("functions/src/main/java/org/supportinbox/functions/mail/MailConfig.java"))
        .contains("queue = text(\"MAIL_QUEUE\", \"mail.send\")");
    // Messaging's rules allow EVENT_EXCHANGE and its .unrouted exchange and queue.
    assertThat(
            Repo.read(
                "contracts/src/main/java/org/supportinbox/contracts/events/EventTopology.java"))
        .contains("return exchange + \".unrouted\";");
  }

  @Test
  void theScriptIsShellcheckClean() throws Exception {
    Path script = Repo.path("deployment/rabbitmq/service-users.sh");
    Process p;
    try {
      p =
          new ProcessBuilder("shellcheck", "--shell=sh", script.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      // ./inbox test installs it before Maven runs; CI runs ./inbox test.
      if (System.getenv("CI") != null) {
        fail("shellcheck is not installed, but CI is set: ./inbox test should have installed it");
      }
      Assumptions.abort(
          "shellcheck is not installed (./inbox test installs it; or: apt-get install shellcheck)");
      return;
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }
}
