package org.supportinbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustomerLoadTest {

  @Test
  void oneAddressMeansNoForwardedAddressAtAll() {
    assertNull(CustomerLoad.address(0, 1));
    assertNull(CustomerLoad.address(41, 1));
  }

  @Test
  void customersAreSpreadRoundRobinOverTheAddresses() {
    assertEquals("10.0.0.1", CustomerLoad.address(0, 100));
    assertEquals("10.0.0.100", CustomerLoad.address(99, 100));
    assertEquals("10.0.0.1", CustomerLoad.address(100, 100));
    assertEquals("10.0.0.2", CustomerLoad.address(3, 2));
    assertEquals("10.0.1.0", CustomerLoad.address(255, 1000));
    assertEquals("10.1.0.0", CustomerLoad.address(65_535, 100_000));
    Set<String> distinct = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      distinct.add(CustomerLoad.address(i, 300));
    }
    assertEquals(300, distinct.size());
  }

  @Test
  void anAddressCountOutOfRangeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new CustomerLoad("http://127.0.0.1:1", 0));
  }
}
