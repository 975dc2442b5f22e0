package org.supportinbox.functions.analyze;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.supportinbox.testing.FunctionUnderTest;

/** The replicas one test starts, healthy before use and all stopped at its end. */
final class Replicas implements AutoCloseable {

  private final String ollamaUrl;
  private final List<FunctionUnderTest> started = new ArrayList<>();

  Replicas(String ollamaUrl) {
    this.ollamaUrl = ollamaUrl;
  }

  /** A replica with the test settings plus {@code overrides}, once its /health answers 200. */
  FunctionUnderTest start(String name, Map<String, String> overrides) throws Exception {
    Map<String, String> env = FunctionUnderTest.environment(Inbox.MESSAGING, ollamaUrl);
    env.putAll(overrides);
    FunctionUnderTest p = FunctionUnderTest.start(name, env);
    started.add(p);
    return p.awaitHealthy(Duration.ofSeconds(60));
  }

  FunctionUnderTest start(String name) throws Exception {
    return start(name, Map.of());
  }

  @Override
  public void close() {
    for (FunctionUnderTest p : started) {
      p.close();
    }
    started.clear();
  }
}
