package org.supportinbox.messaging.domain;

import jakarta.persistence.Converter;
import org.supportinbox.contracts.ConversationStatus;

@Converter(autoApply = true)
public class ConversationStatusConverter extends WireEnumConverter<ConversationStatus> {
  public ConversationStatusConverter() {
    super(ConversationStatus.class);
  }
}
