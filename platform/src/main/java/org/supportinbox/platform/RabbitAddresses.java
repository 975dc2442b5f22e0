package org.supportinbox.platform;

import com.rabbitmq.client.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code RABBITMQ_ADDRESSES}: the nodes of a RabbitMQ cluster as {@code host:port,host:port,...} (a
 * missing port is 5672), parsed by amqp-client's {@link Address#parseAddress}. When it is not set,
 * the one node of {@code RABBITMQ_HOST} and {@code RABBITMQ_PORT}.
 */
public final class RabbitAddresses {

  private RabbitAddresses() {}

  /** The addresses to connect to: {@code addresses} when set, else {@code host:port}. */
  public static List<Address> of(String addresses, String host, int port) {
    if (addresses == null || addresses.isBlank()) {
      return List.of(new Address(host, port));
    }
    List<Address> list = new ArrayList<>();
    for (String part : addresses.split(",")) {
      Address a = Address.parseAddress(part.strip());
      list.add(a.getPort() < 0 ? new Address(a.getHost(), 5672) : a);
    }
    return List.copyOf(list);
  }

  /** What is wrong with {@code addresses} (one sentence), or null when it can be used or unset. */
  public static String problem(String addresses) {
    if (addresses == null || addresses.isBlank()) {
      return null;
    }
    for (String part : addresses.split(",", -1)) {
      String p = part.strip();
      if (p.isEmpty()) {
        return "RABBITMQ_ADDRESSES has an empty entry: '" + addresses + "' (host:port,host:port)";
      }
      try {
        Address a = Address.parseAddress(p);
        if (a.getHost() == null || a.getHost().isBlank() || a.getPort() > 65_535) {
          return "RABBITMQ_ADDRESSES entry '" + p + "' is not host:port";
        }
      } catch (RuntimeException e) {
        return "RABBITMQ_ADDRESSES entry '" + p + "' is not host:port";
      }
    }
    return null;
  }

  /** {@code host:port,host:port}, for logs. */
  public static String text(List<Address> addresses) {
    return addresses.stream()
        .map(a -> a.getHost() + ":" + a.getPort())
        .collect(Collectors.joining(","));
  }
}
