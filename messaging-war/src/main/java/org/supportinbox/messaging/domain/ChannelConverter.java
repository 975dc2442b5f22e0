package org.supportinbox.messaging.domain;

import jakarta.persistence.Converter;
import org.supportinbox.contracts.Channel;

@Converter(autoApply = true)
public class ChannelConverter extends WireEnumConverter<Channel> {
  public ChannelConverter() {
    super(Channel.class);
  }
}
