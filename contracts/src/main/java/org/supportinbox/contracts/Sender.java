package org.supportinbox.contracts;

/** Who wrote a message. */
public enum Sender implements WireEnum {
  CUSTOMER,
  OPERATOR
}
