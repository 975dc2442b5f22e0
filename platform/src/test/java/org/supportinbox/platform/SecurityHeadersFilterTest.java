package org.supportinbox.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {

  @Test
  void webSocketsToTheAskedHostAreAllowed() {
    assertEquals(
        SecurityHeadersFilter.POLICY + " ws://127.0.0.1:8000 wss://127.0.0.1:8000",
        SecurityHeadersFilter.policy("127.0.0.1:8000"));
    assertEquals(
        SecurityHeadersFilter.POLICY + " ws://inbox.example.com wss://inbox.example.com",
        SecurityHeadersFilter.policy("inbox.example.com"));
    assertEquals(
        SecurityHeadersFilter.POLICY + " ws://[::1]:8000 wss://[::1]:8000",
        SecurityHeadersFilter.policy("[::1]:8000"));
  }

  @Test
  void aHostThatCouldBendThePolicyIsLeftOut() {
    for (String host :
        new String[] {null, "", "a b", "evil; script-src *", "x:80\r\nSet-Cookie: a=b", "*"}) {
      assertEquals(SecurityHeadersFilter.POLICY, SecurityHeadersFilter.policy(host), host);
    }
  }
}
