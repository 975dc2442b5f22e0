package org.supportinbox.contracts;

/**
 * Where a conversation stands in the operators' workflow. {@code SNOOZED} is out of the open view
 * until its {@code snoozed_until}, or until the customer writes, whichever comes first: then it is
 * open again.
 */
public enum ConversationStatus implements WireEnum {
  OPEN,
  PENDING,
  SNOOZED,
  RESOLVED
}
