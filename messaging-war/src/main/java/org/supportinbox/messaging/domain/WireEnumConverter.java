package org.supportinbox.messaging.domain;

import jakarta.persistence.AttributeConverter;
import org.supportinbox.contracts.WireEnum;

/** Stores a {@link WireEnum} as its wire form, which the schema's check constraints list. */
abstract class WireEnumConverter<E extends Enum<E> & WireEnum>
    implements AttributeConverter<E, String> {

  private final Class<E> type;

  WireEnumConverter(Class<E> type) {
    this.type = type;
  }

  @Override
  public String convertToDatabaseColumn(E value) {
    return value == null ? null : value.wire();
  }

  @Override
  public E convertToEntityAttribute(String value) {
    if (value == null) {
      return null;
    }
    return WireEnum.parse(type, value)
        .orElseThrow(() -> new IllegalStateException("unknown " + type.getSimpleName() + value));
  }
}
