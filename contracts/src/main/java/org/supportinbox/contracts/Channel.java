package org.supportinbox.contracts;

/** Where a conversation started and where replies to the customer go. */
public enum Channel implements WireEnum {
  /** The chat page or the widget: replies reach the customer over the gateway. */
  CHAT,
  /** A mail to the support address: operators' replies are sent by mail. */
  EMAIL
}
