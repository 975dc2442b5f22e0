package org.supportinbox.functions.analyze;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.supportinbox.auth.AiFunctionTokens;
import org.supportinbox.functions.analyze.embedded.EmbeddedAnalyzer;
import org.supportinbox.functions.analyze.embedded.QuantizedMiniLm;
import org.supportinbox.functions.analyze.feedback.ApprovedExamples;
import org.supportinbox.functions.analyze.feedback.ExampleFeed;
import org.supportinbox.functions.analyze.language.LanguageDetection;
import org.supportinbox.functions.knowledge.IndexFunction;
import org.supportinbox.functions.knowledge.KnowledgeIndex;
import org.supportinbox.functions.knowledge.LazyEmbedder;
import org.supportinbox.functions.messaging.MessagingClient;
import org.supportinbox.functions.retrieval.QueryGlossary;
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
    // One embedding model per replica, loaded when first needed: by the embedded analyzer at start
    // (AI_PROVIDER auto or embedded), else by the first knowledge-base passage to embed.
    Supplier<EmbeddingModel> model = memoized(() -> new QuantizedMiniLm(1));
    LazyEmbedder embedder = new LazyEmbedder(model);
    AnalyzerChain chain;
    EmbeddedAnalyzer embedded;
    QueryGlossary glossary;
    try {
      embedded =
          config.aiProvider.equals("ollama")
              ? null
              : EmbeddedAnalyzer.load(config.embeddedDir, model.get());
      chain = AnalyzerChain.of(config, embedded);
      glossary = QueryGlossary.load(config.embeddedDir);
    } catch (IllegalArgumentException e) {
      // An edited example, macro, lexicon or glossary file that cannot be used.
      System.err.println("ai-function cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    KnowledgeIndex knowledge = new KnowledgeIndex(messaging, embedder, glossary);
    AnalyzeFunction function =
        new AnalyzeFunction(
            messaging,
            chain,
            LanguageDetection.shared(),
            knowledge,
            config.analysedSenders,
            config.contextMessages,
            config.exchange,
            metrics);
    FunctionTopology topology =
        new FunctionTopology(
            config.exchange, config.queue, config.retryDelays, function.routingKeys());
    FunctionRuntime runtime = new FunctionRuntime(config, topology, function, metrics);
    // The knowledge-base indexer: its own queue, one event at a time (articles change rarely).
    IndexFunction indexer = new IndexFunction(messaging, embedder, config.pastAnswers);
    FunctionRuntime indexing =
        new FunctionRuntime(
            config,
            new FunctionTopology(
                config.exchange,
                config.queue + ".index",
                config.retryDelays,
                indexer.routingKeys()),
            indexer,
            metrics,
            1);
    HttpEndpoints http =
        new HttpEndpoints(
            config.bindAddress,
            config.httpPort,
            metrics,
            config.metricsToken,
            () -> {
              List<HttpEndpoints.Check> checks = new ArrayList<>(runtime.checks());
              for (HttpEndpoints.Check c : indexing.checks()) {
                checks.add(new HttpEndpoints.Check("index_" + c.name(), c.up(), c.detail()));
              }
              return checks;
            });
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
              indexing.stop();
              runtime.stop();
              knowledge.stop();
              http.close();
              System.exit(0);
            },
            "graceful-stop");
    Signal.handle(new Signal("TERM"), s -> startOnce(stopper));
    Signal.handle(new Signal("INT"), s -> startOnce(stopper));
    knowledge.start();
    indexing.start();
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

  /** {@code supplier}'s value, made on the first call, the same on every later one. */
  static <T> Supplier<T> memoized(Supplier<T> supplier) {
    return new Supplier<>() {
      private volatile T value;

      @Override
      public T get() {
        T v = value;
        if (v == null) {
          synchronized (this) {
            if (value == null) {
              value = supplier.get();
            }
            v = value;
          }
        }
        return v;
      }
    };
  }

  private static synchronized void startOnce(Thread stopper) {
    if (stopper.getState() == Thread.State.NEW) {
      stopper.start();
    }
  }
}
