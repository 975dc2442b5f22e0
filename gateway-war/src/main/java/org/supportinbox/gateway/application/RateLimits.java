package org.supportinbox.gateway.application;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.supportinbox.gateway.config.GatewayConfig;
import org.supportinbox.gateway.domain.ClientAddress;

/**
 * The gateway's rate limits, configured from {@code *_RATE_PER_MINUTE}, shared by every instance
 * through {@link SharedBuckets} (one database statement per request that is not already known to be
 * refused, however many of its limits it takes from). The socket's frame budget ({@code
 * WS_FRAME_RATE_PER_MINUTE}) is not one of them: it is per socket, in memory, and a socket lives on
 * one instance.
 *
 * <p>Never inside a JTA transaction ({@code NOT_SUPPORTED}): each take is a statement of its own in
 * autocommit, committed at once, which an enlisted connection would not allow.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class RateLimits {

  /** Expired buckets deleted per statement, and statements per clean-up at most. */
  static final int FORGET_BATCH = 1_000;

  static final int FORGET_BATCHES = 100;

  @Inject GatewayConfig config;

  @Inject SharedBuckets buckets;

  private RateLimiter logins;
  private RateLimiter customerStarts;
  private RateLimiter customerMessages;
  private RateLimiter addressMessages;
  private RateLimiter customerReads;

  @PostConstruct
  void create() {
    logins =
        new RateLimiter(
            "login attempts from this address", "login", config.loginRatePerMinute(), buckets);
    customerStarts =
        new RateLimiter(
            "new conversations from this address",
            "start",
            config.customerStartRatePerMinute(),
            buckets);
    customerMessages =
        new RateLimiter(
            "messages from this customer",
            "message",
            config.customerMessageRatePerMinute(),
            buckets);
    addressMessages =
        new RateLimiter(
            "customer messages from this address",
            "address-message",
            config.customerAddressMessageRatePerMinute(),
            buckets);
    customerReads =
        new RateLimiter(
            "read reports from this customer", "read", config.customerReadRatePerMinute(), buckets);
  }

  public void login(String clientAddress) {
    logins.acquire(ClientAddress.key(clientAddress));
  }

  public void customerStart(String clientAddress) {
    customerStarts.acquire(ClientAddress.key(clientAddress));
  }

  /**
   * A customer message: limited per conversation (token) and per client address (IPv6: its /64)
   * over all its conversations, so opening more conversations buys no more messages. Both buckets
   * in one call of the store (one statement), and neither spent when either refuses.
   */
  public void customerMessage(String conversationId, String clientAddress) {
    RateLimiter.acquireAll(
        List.of(
            addressMessages.on(ClientAddress.key(clientAddress)),
            customerMessages.on(conversationId)));
  }

  /**
   * A customer's read report: each is a transaction in messaging that locks the conversation, so a
   * page reporting in a loop is held to {@code CUSTOMER_READ_RATE_PER_MINUTE} per conversation.
   */
  public void customerRead(String conversationId) {
    customerReads.acquire(conversationId);
  }

  /**
   * Deletes the buckets that are full again, in batches; every instance runs it, and the deletes
   * skip rows another holds, so instances running it at once only share the work.
   */
  public int forgetExpired() {
    int total = 0;
    for (int i = 0; i < FORGET_BATCHES; i++) {
      int deleted = buckets.forgetExpired(FORGET_BATCH);
      total += deleted;
      if (deleted < FORGET_BATCH) {
        break;
      }
    }
    return total;
  }
}
