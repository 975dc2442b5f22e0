package org.supportinbox.functions.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The replicas one test starts, healthy before use and all stopped at its end. */
final class Replicas implements AutoCloseable {

  private final String ollamaUrl;
  private final List<FunctionProcess> started = new ArrayList<>();

  Replicas(String ollamaUrl) {
    this.ollamaUrl = ollamaUrl;
  }

  /** A replica with the test settings plus {@code overrides}, once its /health answers 200. */
  FunctionProcess start(String name, Map<String, String> overrides) throws Exception {
    Map<String, String> env = FunctionProcess.environment(Inbox.MESSAGING, ollamaUrl);
    env.putAll(overrides);
    FunctionProcess p = FunctionProcess.start(name, env);
    started.add(p);
    await("replica " + name + " healthy")
        .atMost(Duration.ofSeconds(60))
        .until(() -> p.healthy() || !p.alive());
    assertThat(p.alive()).as("%s is running; log:%n%s", name, p.log()).isTrue();
    return p;
  }

  FunctionProcess start(String name) throws Exception {
    return start(name, Map.of());
  }

  @Override
  public void close() throws InterruptedException {
    for (FunctionProcess p : started) {
      p.close();
    }
    started.clear();
  }
}
