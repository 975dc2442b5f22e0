package org.supportinbox.contracts;

/** Where a conversation stands in the operators' workflow. */
public enum ConversationStatus implements WireEnum {
  OPEN,
  PENDING,
  RESOLVED
}
