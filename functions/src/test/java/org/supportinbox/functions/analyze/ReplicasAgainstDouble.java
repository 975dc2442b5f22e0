package org.supportinbox.functions.analyze;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.supportinbox.testing.OllamaDouble;

/**
 * What every IT of the analyze function stands on: one {@link Inbox} (messaging, its database and
 * vhost) and one {@link OllamaDouble} for the class, and for each test fresh {@link Replicas}
 * (stopped after it) with the double reset to a quick valid answer and reachable.
 */
abstract class ReplicasAgainstDouble {

  static OllamaDouble ollama;
  static Inbox inbox;
  Replicas replicas;

  @BeforeAll
  static void startInboxAndDouble() throws Exception {
    ollama = OllamaDouble.start("phi3:mini");
    inbox = new Inbox();
  }

  @AfterAll
  static void stopInboxAndDouble() throws Exception {
    inbox.close();
    ollama.close();
  }

  @BeforeEach
  void freshReplicasAndDouble() {
    replicas = new Replicas(ollama.url());
    ollama.reset();
    ollama.latency(Duration.ZERO).script(call -> OllamaDouble.text(OllamaDouble.VALID_INSIGHT));
    ollama.reachable();
  }

  @AfterEach
  void stopReplicas() throws Exception {
    replicas.close();
  }
}
