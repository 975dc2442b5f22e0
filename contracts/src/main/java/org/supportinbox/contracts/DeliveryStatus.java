package org.supportinbox.contracts;

/**
 * Where the mail of an operator's reply in an email conversation is: {@code queued} (waiting for
 * the mail function, or for its next try after a failure, whose reason is kept), {@code sending} (a
 * replica holds it for a short lease while it talks to SMTP), {@code sent} (the SMTP server took
 * it) or {@code failed} (given up, with the reason).
 */
public enum DeliveryStatus implements WireEnum {
  QUEUED,
  SENDING,
  SENT,
  FAILED
}
