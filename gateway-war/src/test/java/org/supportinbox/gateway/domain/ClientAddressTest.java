package org.supportinbox.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

  @Test
  void ipv4AddressesCountOneByOne() {
    assertEquals("192.0.2.7", ClientAddress.key("192.0.2.7"));
    assertNotEquals(ClientAddress.key("192.0.2.7"), ClientAddress.key("192.0.2.8"));
  }

  @Test
  void ipv6AddressesCountByTheirSlash64() {
    String a = ClientAddress.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
    assertEquals("2001:db8:1:2::/64", a);
    assertEquals(a, ClientAddress.key("2001:0db8:0001:0002::1"));
    assertEquals(a, ClientAddress.key("[2001:db8:1:2::ffff]"));
    assertEquals(a, ClientAddress.key("2001:db8:1:2::5%eth0"));
    assertNotEquals(a, ClientAddress.key("2001:db8:1:3::1"));
    assertEquals("0:0:0:0::/64", ClientAddress.key("::1"));
  }

  @Test
  void nothingIsUnknown() {
    assertEquals("unknown", ClientAddress.key(null));
    assertEquals("unknown", ClientAddress.key(" "));
  }
}
