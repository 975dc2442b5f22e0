package org.supportinbox.messaging.domain;

import jakarta.persistence.Converter;
import org.supportinbox.contracts.DeliveryStatus;

@Converter(autoApply = true)
public class DeliveryStatusConverter extends WireEnumConverter<DeliveryStatus> {
  public DeliveryStatusConverter() {
    super(DeliveryStatus.class);
  }
}
