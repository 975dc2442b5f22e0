package org.supportinbox.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

  /** The code's defaults, as MicroProfile Config would inject them with nothing set. */
  private static GatewayConfig defaults() {
    GatewayConfig c = new GatewayConfig();
    c.tokenTtlMinutes = 480;
    c.adminUser = "admin";
    c.adminPassword = Optional.empty();
    c.passwordIterations = 600_000;
    c.loginFreeFailures = 5;
    c.loginMaxLockSeconds = 900;
    c.loginFailureDecaySeconds = 600;
    c.loginNameMaxFailures = 50;
    c.messagingUrl = "http://127.0.0.1:8001";
    c.messagingTimeoutMillis = 5000;
    c.customerTokenTtlHours = 24;
    c.allowedOrigins = "http://localhost:8000";
    c.wsSendQueue = 256;
    c.fanoutQueueMax = 10_000;
    c.wsSendTimeoutMillis = 10_000;
    c.wsCoalesceMillis = 25;
    c.wsFrameRatePerMinute = 300;
    c.wsMaxSocketsPerUser = 20;
    c.loginRatePerMinute = 20;
    c.customerStartRatePerMinute = 10;
    c.customerMessageRatePerMinute = 30;
    c.customerAddressMessageRatePerMinute = 120;
    c.customerReadRatePerMinute = 60;
    c.customerStartReplayMinutes = 15;
    c.auditRetentionDays = 365;
    c.autoAssign = "off";
    c.widgetAllowedOrigins = Optional.empty();
    c.trustedProxies = Optional.empty();
    c.attachmentMaxBytes = 10L * 1024 * 1024;
    return c;
  }

  @Test
  void anUploadLimitAboveWhatAMailCarriesStopsStartUp() {
    GatewayConfig c = defaults();
    c.attachmentMaxBytes = 25L * 1024 * 1024 + 1;
    assertEquals(List.of("ATTACHMENT_MAX_BYTES must be 1..26214400"), c.problems());
    c.attachmentMaxBytes = 0;
    assertEquals(List.of("ATTACHMENT_MAX_BYTES must be 1..26214400"), c.problems());
  }

  @Test
  void noTrustedProxiesByDefault() {
    GatewayConfig c = defaults();
    assertEquals(List.of(), c.problems());
    assertTrue(c.trustedProxies().isEmpty());
  }

  @Test
  void trustedProxiesAreParsed() {
    GatewayConfig c = defaults();
    c.trustedProxies = Optional.of("10.42.0.0/16, 2001:db8::/64");
    assertEquals(List.of(), c.problems());
    assertEquals("203.0.113.7", c.trustedProxies().client("10.42.9.9", List.of("203.0.113.7")));
  }

  @Test
  void aBadTrustedProxyStopsStartUpNamingTheEntry() {
    GatewayConfig c = defaults();
    c.trustedProxies = Optional.of("10.42.0.0/16, ingress.local");
    List<String> problems = c.problems();
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("TRUSTED_PROXIES"), problems.get(0));
    assertTrue(problems.get(0).contains("'ingress.local'"), problems.get(0));
  }
}
