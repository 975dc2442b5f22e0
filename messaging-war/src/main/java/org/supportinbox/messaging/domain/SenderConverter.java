package org.supportinbox.messaging.domain;

import jakarta.persistence.Converter;
import org.supportinbox.contracts.Sender;

@Converter(autoApply = true)
public class SenderConverter extends WireEnumConverter<Sender> {
  public SenderConverter() {
    super(Sender.class);
  }
}
