package org.supportinbox.contracts;

/**
 * State of the AI analysis of one message; {@code AVAILABLE} and {@code UNAVAILABLE} are terminal.
 */
public enum AiStatus implements WireEnum {
  PROCESSING,
  AVAILABLE,
  UNAVAILABLE;

  public boolean terminal() {
    return this != PROCESSING;
  }
}
