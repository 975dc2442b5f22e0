package org.supportinbox.functions.analyze;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.supportinbox.auth.AiFunctionTokens;
import org.supportinbox.functions.analyze.embedded.EmbeddedAnalyzer;
import org.supportinbox.functions.analyze.feedback.ApprovedExamples;
import org.supportinbox.functions.analyze.feedback.ExampleFeed;
import org.supportinbox.functions.analyze.language.LanguageDetection;
import org.supportinbox.functions.runtime.FunctionConfig;
import org.supportinbox.functions.runtime.FunctionMetrics;
import org.supportinbox.functions.runtime.FunctionRuntime;
import org.supportinbox.functions.runtime.FunctionTopology;
import org.supportinbox.functions.runtime.HttpEndpoints;
import sun.misc.Signal;

/**
 * Entry point of one analyze replica: reads the configuration, serves /health and /metrics, and
 * consumes until SIGTERM or SIGINT, which stop it gracefully (exit 0). Exit 2: bad configuration.
 */
public final class AnalyzeMain {

  private AnalyzeMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty(
          "java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s %5$s%6$s%n");
    }
    Logger log = Logger.getLogger(AnalyzeMain.class.getName());
    FunctionConfig config = FunctionConfig.fromEnvironment();
    List<String> problems = config.problems();
    if (!problems.isEmpty()) {
      System.err.println("ai-function cannot start: " + String.join("; ", problems));
      System.exit(2);
    }
    FunctionMetrics metrics = new FunctionMetrics();
    MessagingClient messaging =
        new MessagingClient(
            config.messagingUrl,
            AiFunctionTokens.issuer(config.aiFunctionSecret),
            config.serviceName,
            Duration.ofSeconds(30));
    AnalyzerChain chain;
    EmbeddedAnalyzer embedded;
    try {
      embedded =
          config.aiProvider.equals("ollama") ? null : EmbeddedAnalyzer.load(config.embeddedDir);
      chain = AnalyzerChain.of(config, embedded);
    } catch (IllegalArgumentException e) {
      // An edited example, macro or lexicon file that cannot be used.
      System.err.println("ai-function cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    AnalyzeFunction function =
        new AnalyzeFunction(
            messaging,
            chain,
            LanguageDetection.shared(),
            config.analysedSenders,
            config.contextMessages,
            config.exchange,
            metrics);
    FunctionTopology topology =
        new FunctionTopology(
            config.exchange, config.queue, config.retryDelays, function.routingKeys());
    FunctionRuntime runtime = new FunctionRuntime(config, topology, function, metrics);
    HttpEndpoints http =
        new HttpEndpoints(
            config.bindAddress, config.httpPort, metrics, config.metricsToken, runtime::checks);
    log.info(
        "ai-function pid="
            + ProcessHandle.current().pid()
            + " http://"
            + config.bindAddress
            + ":"
            + http.port()
            + "/health "
            + chain.describe()
            + " messaging="
            + config.messagingUrl);
    // Handling the signals here (not in a shutdown hook) keeps logging alive while draining: the
    // JDK resets java.util.logging in its own shutdown hook.
    Thread stopper =
        new Thread(
            () -> {
              runtime.stop();
              http.close();
              System.exit(0);
            },
            "graceful-stop");
    Signal.handle(new Signal("TERM"), s -> startOnce(stopper));
    Signal.handle(new Signal("INT"), s -> startOnce(stopper));
    if (embedded != null && !config.examplesInterval.isZero()) {
      // The admins' approved corrections, added to the embedded examples without a restart.
      new ApprovedExamples(
              ExampleFeed.messaging(
                  config.messagingUrl,
                  AiFunctionTokens.issuer(config.aiFunctionSecret),
                  config.serviceName),
              embedded::learn)
          .start(config.examplesInterval);
    }
    runtime.start();
    Thread.currentThread().join();
  }

  private static synchronized void startOnce(Thread stopper) {
    if (stopper.getState() == Thread.State.NEW) {
      stopper.start();
    }
  }
}
