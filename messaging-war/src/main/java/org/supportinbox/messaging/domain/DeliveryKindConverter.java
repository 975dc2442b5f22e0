package org.supportinbox.messaging.domain;

import jakarta.persistence.Converter;
import org.supportinbox.contracts.DeliveryKind;

@Converter(autoApply = true)
public class DeliveryKindConverter extends WireEnumConverter<DeliveryKind> {
  public DeliveryKindConverter() {
    super(DeliveryKind.class);
  }
}
