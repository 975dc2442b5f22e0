package org.supportinbox.functions.analyze.ollama;

import java.util.Objects;

/** The two parts of a chat request: the fixed instructions and the per-message part. */
public record Prompt(String system, String user) {

  public Prompt {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(user, "user");
  }
}
