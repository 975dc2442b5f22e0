package org.supportinbox.contracts;

/** Tone of a customer message. */
public enum Sentiment implements WireEnum {
  NEGATIVE,
  NEUTRAL,
  POSITIVE
}
