package org.supportinbox.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

  /** An ingress in a pod range, a load balancer in front of it, and an IPv6 range. */
  private static final TrustedProxies PROXIES =
      TrustedProxies.parse(" 10.42.0.0/16, 192.0.2.10 ,2001:db8:100::/48");

  @Test
  void noProxiesNeverReadTheHeader() {
    TrustedProxies none = TrustedProxies.parse("");
    assertTrue(none.isEmpty());
    assertTrue(TrustedProxies.parse(null).isEmpty());
    assertTrue(TrustedProxies.parse(" , ").isEmpty());
    assertEquals("10.42.0.5", none.client("10.42.0.5", List.of("203.0.113.7")));
  }

  @Test
  void anUntrustedPeerCannotSpoofItsAddress() {
    assertEquals("198.51.100.9", PROXIES.client("198.51.100.9", List.of("203.0.113.7")));
    assertEquals("198.51.100.9", PROXIES.client("198.51.100.9", List.of("10.42.0.1, 203.0.113.7")));
  }

  @Test
  void oneTrustedHopNamesTheClient() {
    assertEquals("203.0.113.7", PROXIES.client("10.42.3.4", List.of("203.0.113.7")));
  }

  @Test
  void aClientCannotPrependItsOwnChoice() {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the ingress appended the real peer.
    assertEquals("203.0.113.7", PROXIES.client("10.42.3.4", List.of("1.2.3.4, 203.0.113.7")));
  }

  @Test
  void twoTrustedHopsAreSkipped() {
    // Load balancer 192.0.2.10 -> ingress 10.42.3.4 -> gateway.
    assertEquals(
        "203.0.113.7", PROXIES.client("10.42.3.4", List.of("6.6.6.6, 203.0.113.7, 192.0.2.10")));
  }

  @Test
  void severalHeadersAreJoinedInOrder() {
    assertEquals(
        "203.0.113.7",
        PROXIES.client("10.42.3.4", List.of("6.6.6.6", "203.0.113.7", "192.0.2.10")));
  }

  @Test
  void ipv6RangesAndClients() {
    assertEquals(
        "2001:db8:5::1", PROXIES.client("2001:db8:100:7::2", List.of("2001:db8:5:0:0::1")));
    assertEquals("2001:db8:5::1", PROXIES.client("10.42.0.9", List.of("[2001:db8:5::1]:4711")));
    // Outside the /48: not a proxy.
    assertEquals("2001:db8:101::2", PROXIES.client("2001:db8:101::2", List.of("203.0.113.7")));
    // An IPv4-mapped peer is its IPv4 address.
    assertEquals("203.0.113.7", PROXIES.client("::ffff:10.42.0.9", List.of("203.0.113.7")));
  }

  @Test
  void entriesWithPortsAreRead() {
    assertEquals("203.0.113.7", PROXIES.client("10.42.0.9", List.of("203.0.113.7:51234")));
  }

  @Test
  void aMalformedEntryStopsTheWalkAtTheHopThatPassedItOn() {
    assertEquals("10.42.3.4", PROXIES.client("10.42.3.4", List.of("unknown")));
    assertEquals("10.42.3.4", PROXIES.client("10.42.3.4", List.of("203.0.113.7, evil.example")));
    assertEquals(
        "192.0.2.10", PROXIES.client("10.42.3.4", List.of("203.0.113.7, _hidden, 192.0.2.10")));
    // Forms an address parser might accept but no proxy writes.
    for (String odd : List.of("0x7f.1", "127.1", "203.0.113.0/24", "203.0.113.*", "2130706433")) {
      assertEquals("10.42.3.4", PROXIES.client("10.42.3.4", List.of(odd)), odd);
    }
  }

  @Test
  void anEmptyOrMissingHeaderLeavesThePeer() {
    assertEquals("10.42.3.4", PROXIES.client("10.42.3.4", List.of()));
    assertEquals("10.42.3.4", PROXIES.client("10.42.3.4", List.of("")));
    assertEquals("10.42.3.4", PROXIES.client("10.42.3.4", List.of(" , ")));
    assertEquals("10.42.3.4", PROXIES.client("10.42.3.4", null));
  }

  @Test
  void onlyTrustedHopsLeaveTheLeftmostOfThem() {
    assertEquals("192.0.2.10", PROXIES.client("10.42.3.4", List.of("192.0.2.10, 10.42.0.2")));
  }

  @Test
  void atMostTwentyHopsAreConsidered() {
    List<String> hops = new ArrayList<>();
    hops.add("203.0.113.7");
    for (int i = 0; i < TrustedProxies.MAX_HOPS; i++) {
      hops.add("10.42.1." + i);
    }
    // 21 entries: the client is beyond the twentieth, so the walk ends at the last proxy seen.
    assertEquals("10.42.1.0", PROXIES.client("10.42.3.4", List.of(String.join(",", hops))));
    hops.remove(1);
    assertEquals("203.0.113.7", PROXIES.client("10.42.3.4", List.of(String.join(",", hops))));
  }

  @Test
  void anOverlongHeaderIsCutFromTheLeft() {
    String padding = "9.9.9.9,".repeat(TrustedProxies.MAX_HEADER_CHARS / 8 + 10);
    assertEquals("203.0.113.7", PROXIES.client("10.42.3.4", List.of(padding + "203.0.113.7")));
  }

  @Test
  void aPeerThatIsNoAddressIsLeftAsItIs() {
    assertEquals("unknown", PROXIES.client("unknown", List.of("203.0.113.7")));
  }

  @Test
  void badSettingsAreRefusedWithTheEntry() {
    for (String bad :
        List.of("10.0.0.0/33", "proxy.example", "10.0.0.1/8", "10.0.0.*", "::1/129")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> TrustedProxies.parse("10.1.0.0/16," + bad));
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }
}
