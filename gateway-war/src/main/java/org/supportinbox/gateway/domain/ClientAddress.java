package org.supportinbox.gateway.domain;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The key a client is counted by in lock-outs and rate limits: an IPv4 address as it is, an IPv6
 * address by its /64 (one subscriber's whole network, which one host can roam at will, RFC 6177).
 */
public final class ClientAddress {

  private ClientAddress() {}

  /** The key of {@code address} (a literal IP address, as the servlet container reports it). */
  public static String key(String address) {
    if (address == null || address.isBlank()) {
      return "unknown";
    }
    String literal = address.strip();
    if (literal.startsWith("[") && literal.endsWith("]")) {
      literal = literal.substring(1, literal.length() - 1);
    }
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    if (!literal.contains(":")) {
      return literal;
    }
    try {
      // A literal only: getByName does no lookup for one, and anything else is refused below.
      InetAddress parsed = InetAddress.getByName(literal);
      if (parsed instanceof Inet6Address v6) {
        byte[] b = v6.getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
          prefix.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
      }
      return parsed.getHostAddress();
    } catch (UnknownHostException | SecurityException e) {
      return literal.toLowerCase(Locale.ROOT);
    }
  }
}
