package org.supportinbox.gateway.application;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.supportinbox.gateway.infrastructure.config.GatewayConfig;

/** The gateway's rate limits, configured from {@code *_RATE_PER_MINUTE}. */
@ApplicationScoped
public class RateLimits {

  @Inject GatewayConfig config;

  private RateLimiter logins;
  private RateLimiter customerStarts;
  private RateLimiter customerMessages;

  @PostConstruct
  void create() {
    logins = new RateLimiter("login attempts from this address", config.loginRatePerMinute());
    customerStarts =
        new RateLimiter("new conversations from this address", config.customerStartRatePerMinute());
    customerMessages =
        new RateLimiter("messages from this customer", config.customerMessageRatePerMinute());
  }

  public void login(String clientAddress) {
    logins.acquire(clientAddress);
  }

  public void customerStart(String clientAddress) {
    customerStarts.acquire(clientAddress);
  }

  public void customerMessage(String conversationId) {
    customerMessages.acquire(conversationId);
  }
}
