package org.supportinbox.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Address;
import java.util.List;
import org.junit.jupiter.api.Test;

class RabbitAddressesTest {

  @Test
  void withoutTheListTheHostAndPortAreTheOneNode() {
    assertEquals(List.of(new Address("rabbit", 5673)), RabbitAddresses.of(null, "rabbit", 5673));
    assertEquals(List.of(new Address("rabbit", 5673)), RabbitAddresses.of("  ", "rabbit", 5673));
    assertNull(RabbitAddresses.problem(null));
  }

  @Test
  void theListReplacesHostAndPortAndAMissingPortIs5672() {
    assertEquals(
        List.of(new Address("a", 5673), new Address("b", 5674), new Address("c", 5672)),
        RabbitAddresses.of("a:5673, b:5674,c", "rabbit", 1));
    assertNull(RabbitAddresses.problem("a:5673, b:5674,c"));
    assertEquals("a:5673,b:5672", RabbitAddresses.text(RabbitAddresses.of("a:5673,b", "x", 1)));
  }

  @Test
  void aBadEntryIsAProblemThatNamesIt() {
    assertTrue(RabbitAddresses.problem("a:5673,,b:5674").contains("empty entry"));
    assertTrue(RabbitAddresses.problem("a:5673,b:port").contains("'b:port'"));
    assertTrue(RabbitAddresses.problem("a:99999").contains("'a:99999'"));
  }
}
