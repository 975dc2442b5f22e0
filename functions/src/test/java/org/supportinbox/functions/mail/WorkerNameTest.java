package org.supportinbox.functions.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Replicas that share {@code SERVICE_NAME} (compose, Kubernetes) claim deliveries under names of
 * their own: messaging grants a worker its own claim again, so a shared name would let two replicas
 * send the same reply.
 */
class WorkerNameTest {

  @Test
  void eachProcessClaimsUnderANameOfItsOwnThatStartsWithTheServiceName() {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String name = MailMain.workerName("mail-function");
      assertThat(name).matches("mail-function#[0-9a-f]{12}");
      names.add(name);
    }
    assertThat(names).hasSize(100);
  }
}
