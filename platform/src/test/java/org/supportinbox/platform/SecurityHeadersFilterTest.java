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

  @Test
  void onlyWellFormedOriginsMayFrameTheWidget() {
    assertEquals(
        java.util.List.of("https://shop.example", "http://127.0.0.1:9000"),
        SecurityHeadersFilter.widgetOrigins(
            " https://shop.example, http://127.0.0.1:9000 ,*, https://a.example; script-src *,"
                + " javascript:alert(1), https://x.example/path,"));
    assertEquals(java.util.List.of(), SecurityHeadersFilter.widgetOrigins(""));
  }

  @Test
  void theWidgetsFrameNamesItsSitesAndNothingElseChanges() {
    String policy =
        SecurityHeadersFilter.widgetPolicy(
            "inbox.example.com", java.util.List.of("https://shop.example", "https://b.example"));
    assertEquals(
        SecurityHeadersFilter.policy("inbox.example.com")
            .replace(
                "frame-ancestors 'none'",
                "frame-ancestors 'self' https://shop.example https://b.example"),
        policy);
    org.junit.jupiter.api.Assertions.assertFalse(policy.contains("'none'; connect"));
  }
}
