package org.supportinbox.contracts;

/** How soon a customer message needs an answer. */
public enum Urgency implements WireEnum {
  LOW,
  NORMAL,
  HIGH
}
