package org.supportinbox.functions.mail;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;
import org.supportinbox.functions.runtime.FunctionConfig;
import org.supportinbox.functions.runtime.FunctionMetrics;
import org.supportinbox.functions.runtime.FunctionRuntime;
import org.supportinbox.functions.runtime.FunctionTopology;
import org.supportinbox.functions.runtime.HttpEndpoints;
import sun.misc.Signal;

/**
 * Entry point of one mail function replica: sends replies' mail (a competing consumer of {@code
 * MAIL_QUEUE}, every replica) and reads the support mailbox (the replica holding the {@link
 * ReaderLease}), serves /health and /metrics, until SIGTERM or SIGINT, which stop it gracefully
 * (exit 0). Exit 2: bad configuration.
 */
public final class MailMain {

  private MailMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty(
          "java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s %5$s%6$s%n");
    }
    Logger log = Logger.getLogger(MailMain.class.getName());
    MailConfig config = MailConfig.fromEnvironment();
    List<String> problems = config.problems();
    if (!problems.isEmpty()) {
      System.err.println("mail-function cannot start: " + String.join("; ", problems));
      System.exit(2);
    }
    FunctionConfig runtimeConfig = config.runtime();
    FunctionMetrics metrics = new FunctionMetrics();
    String worker = workerName(config.serviceName);
    MailMessagingClient messaging =
        new MailMessagingClient(
            config.messagingUrl, config.mailFunctionSecret, worker, config.timeout);
    MailSendFunction send =
        new MailSendFunction(
            messaging, new SmtpSender(config), config.domain(), config.attachmentMaxBytes);
    FunctionTopology topology =
        new FunctionTopology(
            runtimeConfig.exchange,
            runtimeConfig.queue,
            runtimeConfig.retryDelays,
            send.routingKeys());
    FunctionRuntime runtime = new FunctionRuntime(runtimeConfig, topology, send, metrics);
    MailboxReader reader =
        new MailboxReader(
            config, messaging, new ReaderLease(runtimeConfig, config.serviceName), metrics);
    HttpEndpoints http =
        new HttpEndpoints(
            runtimeConfig.bindAddress,
            runtimeConfig.httpPort,
            metrics,
            runtimeConfig.metricsToken,
            () -> {
              List<HttpEndpoints.Check> checks = new ArrayList<>(runtime.checks());
              checks.addAll(reader.checks());
              return checks;
            });
    log.info(
        "mail-function pid="
            + ProcessHandle.current().pid()
            + " worker "
            + worker
            + " http://"
            + runtimeConfig.bindAddress
            + ":"
            + http.port()
            + "/health support address "
            + config.supportAddress.getAddress()
            + " imap "
            + config.imapHost
            + ":"
            + config.imapPort
            + " ("
            + config.imapTls
            + ") smtp "
            + config.smtpHost
            + ":"
            + config.smtpPort
            + " ("
            + config.smtpTls
            + ") messaging="
            + config.messagingUrl);
    Thread stopper =
        new Thread(
            () -> {
              reader.stop();
              runtime.stop();
              http.close();
              System.exit(0);
            },
            "graceful-stop");
    Signal.handle(new Signal("TERM"), s -> startOnce(stopper));
    Signal.handle(new Signal("INT"), s -> startOnce(stopper));
    runtime.start();
    reader.start();
    Thread.currentThread().join();
  }

  /**
   * The name this process claims deliveries under (its token's subject): {@code SERVICE_NAME}, then
   * {@code #} and an id of this process's own. Replicas share {@code SERVICE_NAME} (compose and
   * Kubernetes give all of them the same), and messaging lets a worker take its own claim again:
   * with the bare service name, a second replica handed the same event (after a lost broker
   * connection) would be granted the claim the first one holds and send the mail a second time, and
   * a restarted process could send again what its predecessor was sending. With this name, the
   * claim of a replica that crashed is taken by another only once its lease has lapsed.
   */
  static String workerName(String serviceName) {
    byte[] id = new byte[6];
    new SecureRandom().nextBytes(id);
    return serviceName + "#" + HexFormat.of().formatHex(id);
  }

  private static synchronized void startOnce(Thread stopper) {
    if (stopper.getState() == Thread.State.NEW) {
      stopper.start();
    }
  }
}
