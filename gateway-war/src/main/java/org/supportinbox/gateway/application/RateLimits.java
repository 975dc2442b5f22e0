package org.supportinbox.gateway.application;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.supportinbox.gateway.config.GatewayConfig;
import org.supportinbox.gateway.domain.ClientAddress;

/** The gateway's rate limits, configured from {@code *_RATE_PER_MINUTE}. */
@ApplicationScoped
public class RateLimits {

  @Inject GatewayConfig config;

  private RateLimiter logins;
  private RateLimiter customerStarts;
  private RateLimiter customerMessages;
  private RateLimiter addressMessages;

  @PostConstruct
  void create() {
    logins = new RateLimiter("login attempts from this address", config.loginRatePerMinute());
    customerStarts =
        new RateLimiter("new conversations from this address", config.customerStartRatePerMinute());
    customerMessages =
        new RateLimiter("messages from this customer", config.customerMessageRatePerMinute());
    addressMessages =
        new RateLimiter(
            "customer messages from this address", config.customerAddressMessageRatePerMinute());
  }

  public void login(String clientAddress) {
    logins.acquire(ClientAddress.key(clientAddress));
  }

  public void customerStart(String clientAddress) {
    customerStarts.acquire(ClientAddress.key(clientAddress));
  }

  /**
   * A customer message: limited per conversation (token) and per client address (IPv6: its /64)
   * over all its conversations, so opening more conversations buys no more messages.
   */
  public void customerMessage(String conversationId, String clientAddress) {
    addressMessages.acquire(ClientAddress.key(clientAddress));
    customerMessages.acquire(conversationId);
  }
}
