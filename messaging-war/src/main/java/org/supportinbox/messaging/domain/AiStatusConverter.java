package org.supportinbox.messaging.domain;

import jakarta.persistence.Converter;
import org.supportinbox.contracts.AiStatus;

@Converter(autoApply = true)
public class AiStatusConverter extends WireEnumConverter<AiStatus> {
  public AiStatusConverter() {
    super(AiStatus.class);
  }
}
