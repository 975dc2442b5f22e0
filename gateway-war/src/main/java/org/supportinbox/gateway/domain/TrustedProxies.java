package org.supportinbox.gateway.domain;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reverse proxies ({@code TRUSTED_PROXIES}: addresses and CIDR ranges) whose {@code
 * X-Forwarded-For} says who the client is. Empty (the default): the header is never read and the
 * client is the TCP peer.
 *
 * <p>{@link #client} walks the header from right to left, since each proxy appends the address it
 * received the request from: the rightmost entries were written by our own proxies, anything left
 * of the first address that is not one of them may have been written by the client itself. So:
 *
 * <ul>
 *   <li>a peer that is not a trusted proxy: the header is ignored, the client is the peer (a client
 *       cannot choose its own address);
 *   <li>otherwise entries that are trusted proxies are skipped; the first other well-formed address
 *       is the client;
 *   <li>a malformed entry (not an IP literal) stops the walk: nothing written left of it can be
 *       trusted, and the entry names nobody, so the client is the hop that passed it on (the
 *       trusted peer or the last trusted entry); the same when only trusted proxies are listed or
 *       the header is missing or empty;
 *   <li>at most {@value #MAX_HOPS} entries are looked at; a longer chain is cut off there like a
 *       malformed entry.
 * </ul>
 *
 * CIDR matching is the IPAddress library's ({@code com.github.seancfoley:ipaddress}); an
 * IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) counts as its IPv4 address.
 */
public final class TrustedProxies {

  /** Entries of X-Forwarded-For looked at, right to left; no real chain of proxies is longer. */
  public static final int MAX_HOPS = 20;

  /** Longest X-Forwarded-For (all headers joined) read at all; beyond this it is cut off. */
  static final int MAX_HEADER_CHARS = 2048;

  private static final TrustedProxies NONE = new TrustedProxies(List.of());

  /**
   * A literal address only: no host names, masks, prefixes, wildcards, ranges or inet_aton forms.
   */
  private static final IPAddressStringParameters LITERAL =
      new IPAddressStringParameters.Builder()
          .allowEmpty(false)
          .allowAll(false)
          .allowSingleSegment(false)
          .allowPrefix(false)
          .allowMask(false)
          .allowWildcardedSeparator(false)
          .allow_inet_aton(false)
          .setRangeOptions(IPAddressStringParameters.RangeParameters.NO_RANGE)
          .toParams();

  /** As {@link #LITERAL}, with an optional prefix length ({@code 10.0.0.0/8}). */
  private static final IPAddressStringParameters RANGE =
      LITERAL.toBuilder().allowPrefix(true).toParams();

  /** {@code [v6]} or {@code [v6]:port}, as some proxies write IPv6 entries. */
  private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]+)\\](?::[0-9]{1,5})?");

  /** {@code v4:port}, as some proxies (Azure's) write entries. */
  private static final Pattern V4_WITH_PORT = Pattern.compile("([0-9.]+):[0-9]{1,5}");

  private final List<IPAddress> ranges;

  private TrustedProxies(List<IPAddress> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /** No trusted proxy: X-Forwarded-For is never read. */
  public static TrustedProxies none() {
    return NONE;
  }

  /**
   * The proxies of a comma-separated list of IPv4 and IPv6 addresses and CIDR ranges; blank: none.
   *
   * @throws IllegalArgumentException naming the first entry that is not an address or range, or a
   *     range with bits set after its prefix ({@code 10.0.0.1/8}, most likely a typo)
   */
  public static TrustedProxies parse(String list) {
    if (list == null || list.isBlank()) {
      return NONE;
    }
    List<IPAddress> ranges = new ArrayList<>();
    for (String entry : list.split(",")) {
      String e = entry.strip();
      if (e.isEmpty()) {
        continue;
      }
      IPAddress range;
      try {
        range = new IPAddressString(e, RANGE).toAddress();
      } catch (AddressStringException | RuntimeException ex) {
        throw new IllegalArgumentException(
            "'" + e + "' is not an IP address or CIDR range (" + ex.getMessage() + ")", ex);
      }
      if (range.isPrefixed() && !range.getLower().isZeroHost()) {
        throw new IllegalArgumentException(
            "'"
                + e
                + "' has bits set after its prefix length; write the network, e.g. "
                + range.toPrefixBlock().toCanonicalString());
      }
      ranges.add(normal(range.isPrefixed() ? range.toPrefixBlock() : range));
    }
    return new TrustedProxies(ranges);
  }

  /** Whether no proxy is trusted (X-Forwarded-For is never read). */
  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /**
   * The client's address: {@code peer} (the TCP peer as the container reports it) unless it is a
   * trusted proxy and {@code forwardedFor} (the values of every X-Forwarded-For header, in order)
   * names another client; see the class comment for the rule.
   */
  public String client(String peer, List<String> forwardedFor) {
    if (ranges.isEmpty() || forwardedFor == null || forwardedFor.isEmpty()) {
      return peer;
    }
    Optional<IPAddress> peerAddress = literal(peer);
    if (peerAddress.isEmpty() || !trusts(peerAddress.get())) {
      return peer;
    }
    String joined = String.join(",", forwardedFor);
    if (joined.length() > MAX_HEADER_CHARS) {
      // Keep the right end, the part our own proxies wrote; a cut entry is seen as malformed.
      joined = joined.substring(joined.length() - MAX_HEADER_CHARS);
    }
    String[] entries = joined.split(",", -1);
    String client = peer;
    for (int i = entries.length - 1, hops = 0; i >= 0 && hops < MAX_HOPS; i--, hops++) {
      Optional<IPAddress> hop = entry(entries[i]);
      if (hop.isEmpty()) {
        return client;
      }
      if (!trusts(hop.get())) {
        return hop.get().toCanonicalString();
      }
      client = hop.get().toCanonicalString();
    }
    return client;
  }

  private boolean trusts(IPAddress address) {
    for (IPAddress range : ranges) {
      if (range.getIPVersion() == address.getIPVersion() && range.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** One X-Forwarded-For entry as an address, or empty if it is not one. */
  private static Optional<IPAddress> entry(String raw) {
    String e = raw.strip();
    Matcher bracketed = BRACKETED.matcher(e);
    if (bracketed.matches()) {
      return literal(bracketed.group(1)).filter(a -> a.isIPv6());
    }
    Matcher v4 = V4_WITH_PORT.matcher(e);
    if (v4.matches()) {
      return literal(v4.group(1)).filter(a -> a.isIPv4());
    }
    return literal(e);
  }

  private static Optional<IPAddress> literal(String text) {
    if (text == null || text.isBlank() || text.length() > 64) {
      return Optional.empty();
    }
    IPAddress address = new IPAddressString(text.strip(), LITERAL).getAddress();
    return address == null ? Optional.empty() : Optional.of(normal(address));
  }

  /** An IPv4-mapped IPv6 address as its IPv4 address, so that one range covers both forms. */
  private static IPAddress normal(IPAddress address) {
    if (address instanceof IPv6Address v6 && v6.isIPv4Mapped() && !v6.isPrefixed()) {
      return v6.getEmbeddedIPv4Address();
    }
    return address;
  }
}
