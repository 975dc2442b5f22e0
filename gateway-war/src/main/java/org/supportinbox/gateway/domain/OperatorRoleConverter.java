package org.supportinbox.gateway.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.supportinbox.contracts.WireEnum;

@Converter(autoApply = true)
public class OperatorRoleConverter implements AttributeConverter<OperatorRole, String> {
  @Override
  public String convertToDatabaseColumn(OperatorRole role) {
    return role == null ? null : role.wire();
  }

  @Override
  public OperatorRole convertToEntityAttribute(String value) {
    return value == null
        ? null
        : WireEnum.parse(OperatorRole.class, value)
            .orElseThrow(() -> new IllegalStateException("unknown role " + value));
  }
}
