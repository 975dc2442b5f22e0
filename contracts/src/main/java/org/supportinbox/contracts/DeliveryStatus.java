package org.supportinbox.contracts;

/**
 * Where the mail of an operator's reply is: {@code scheduled} (an email fallback waiting for its
 * {@code due_at}), {@code queued} (waiting for the mail function, or for its next try after a
 * failure, whose reason is kept), {@code sending} (a replica holds it for a short lease while it
 * talks to SMTP), {@code sent} (the SMTP server took it), {@code failed} (given up, with the
 * reason) or {@code not_needed} (a fallback the customer read in the chat before it was due).
 */
public enum DeliveryStatus implements WireEnum {
  SCHEDULED,
  QUEUED,
  SENDING,
  SENT,
  FAILED,
  NOT_NEEDED
}
