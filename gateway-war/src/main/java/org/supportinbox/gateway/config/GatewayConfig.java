package org.supportinbox.gateway.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supportinbox.contracts.rest.InboundAttachment;
import org.supportinbox.gateway.domain.TrustedProxies;

/**
 * Every setting of the gateway, with its default; names are the environment variables documented in
 * docs/configuration.md. Secrets have no default: {@link #problems()} lists what is missing and
 * start-up refuses to go on.
 */
@ApplicationScoped
public class GatewayConfig {

  /**
   * NIST SP 800-63B-4 (3.1.1.2): at least 15 characters for a password that is the only factor, as
   * it is here (no MFA).
   */
  public static final int MIN_PASSWORD_LENGTH = 15;

  /** OWASP's figure for PBKDF2-HMAC-SHA256 (2023). */
  public static final int MIN_PASSWORD_ITERATIONS = 600_000;

  /** Longest audit retention: a hundred years, beyond which a number is more likely a typo. */
  static final int MAX_AUDIT_RETENTION_DAYS = 36_500;

  @Inject
  @ConfigProperty(name = "TOKEN_TTL_MINUTES", defaultValue = "480")
  int tokenTtlMinutes;

  @Inject
  @ConfigProperty(name = "INBOX_ADMIN_USER", defaultValue = "admin")
  String adminUser;

  @Inject
  @ConfigProperty(name = "INBOX_ADMIN_PASSWORD")
  Optional<String> adminPassword;

  @Inject
  @ConfigProperty(name = "PASSWORD_ITERATIONS", defaultValue = "600000")
  int passwordIterations;

  @Inject
  @ConfigProperty(name = "LOGIN_FREE_FAILURES", defaultValue = "5")
  int loginFreeFailures;

  @Inject
  @ConfigProperty(name = "LOGIN_MAX_LOCK_SECONDS", defaultValue = "900")
  int loginMaxLockSeconds;

  /** One failed login is forgiven for every this many seconds without a new one. */
  @Inject
  @ConfigProperty(name = "LOGIN_FAILURE_DECAY_SECONDS", defaultValue = "600")
  int loginFailureDecaySeconds;

  /**
   * Failures of one user name from every address (after decay) beyond which an address that has
   * failed for it may not try again until its own failures decayed; addresses that have not failed
   * can still log in.
   */
  @Inject
  @ConfigProperty(name = "LOGIN_NAME_MAX_FAILURES", defaultValue = "50")
  int loginNameMaxFailures;

  @Inject
  @ConfigProperty(name = "MESSAGING_URL", defaultValue = "http://127.0.0.1:8001")
  String messagingUrl;

  @Inject
  @ConfigProperty(name = "MESSAGING_TIMEOUT_MS", defaultValue = "5000")
  int messagingTimeoutMillis;

  @Inject
  @ConfigProperty(name = "CUSTOMER_TOKEN_TTL_HOURS", defaultValue = "24")
  int customerTokenTtlHours;

  /** Comma-separated origins (scheme://host:port) whose pages may open /ws. */
  @Inject
  @ConfigProperty(
      name = "ALLOWED_ORIGINS",
      defaultValue = "http://localhost:8000,http://127.0.0.1:8000")
  String allowedOrigins;

  @Inject
  @ConfigProperty(name = "WS_SEND_QUEUE", defaultValue = "256")
  int wsSendQueue;

  @Inject
  @ConfigProperty(name = "FANOUT_QUEUE_MAX", defaultValue = "10000")
  int fanoutQueueMax;

  @Inject
  @ConfigProperty(name = "WS_SEND_TIMEOUT_MS", defaultValue = "10000")
  int wsSendTimeoutMillis;

  /**
   * How long frames for a socket may wait to go out together (ms); 0 sends each at once. Every
   * message Tyrus sends costs a task on Payara's managed scheduler, whatever its size.
   */
  @Inject
  @ConfigProperty(name = "WS_COALESCE_MS", defaultValue = "25")
  int wsCoalesceMillis;

  /** Frames one socket may send per minute, as a burst of that many refilled evenly. */
  @Inject
  @ConfigProperty(name = "WS_FRAME_RATE_PER_MINUTE", defaultValue = "300")
  int wsFrameRatePerMinute;

  /** Sockets one user (token subject) may have open on this instance at once. */
  @Inject
  @ConfigProperty(name = "WS_MAX_SOCKETS_PER_USER", defaultValue = "20")
  int wsMaxSocketsPerUser;

  @Inject
  @ConfigProperty(name = "LOGIN_RATE_PER_MINUTE", defaultValue = "20")
  int loginRatePerMinute;

  @Inject
  @ConfigProperty(name = "CUSTOMER_START_RATE_PER_MINUTE", defaultValue = "10")
  int customerStartRatePerMinute;

  @Inject
  @ConfigProperty(name = "CUSTOMER_MESSAGE_RATE_PER_MINUTE", defaultValue = "30")
  int customerMessageRatePerMinute;

  /** Read reports ({@code POST /customer/read}) per minute from one customer token. */
  @Inject
  @ConfigProperty(name = "CUSTOMER_READ_RATE_PER_MINUTE", defaultValue = "60")
  int customerReadRatePerMinute;

  /**
   * The most bytes of one uploaded file (the same as messaging's, which decides): an upload's body
   * over it is refused here, before it is read whole.
   */
  @Inject
  @ConfigProperty(name = "ATTACHMENT_MAX_BYTES", defaultValue = "10485760")
  long attachmentMaxBytes;

  /** Customer messages per minute from one address (IPv6: one /64), over all its conversations. */
  @Inject
  @ConfigProperty(name = "CUSTOMER_ADDRESS_MESSAGE_RATE_PER_MINUTE", defaultValue = "120")
  int customerAddressMessageRatePerMinute;

  /**
   * How long a conversation start may be replayed (same body and client_message_id) for a fresh
   * customer token, e.g. after its answer was lost.
   */
  @Inject
  @ConfigProperty(name = "CUSTOMER_START_REPLAY_MINUTES", defaultValue = "15")
  int customerStartReplayMinutes;

  /**
   * Days an audit entry is kept; older ones are deleted by the periodic clean-up. This also bounds
   * how much a stream of failed logins can add to the table.
   */
  @Inject
  @ConfigProperty(name = "AUDIT_RETENTION_DAYS", defaultValue = "365")
  int auditRetentionDays;

  /**
   * {@code off} (default) or {@code round_robin}: new conversations go to the operators online in
   * turn ({@code AutoAssign}).
   */
  @Inject
  @ConfigProperty(name = "AUTO_ASSIGN", defaultValue = "off")
  String autoAssign;

  /**
   * The sites (origins, comma-separated) that may embed the chat widget ({@code /widget.js}); empty
   * (default): none may. Only the chat page may be framed by them; platform's SecurityHeadersFilter
   * reads the same variable.
   */
  @Inject
  @ConfigProperty(name = "WIDGET_ALLOWED_ORIGINS")
  Optional<String> widgetAllowedOrigins;

  /**
   * The reverse proxies (comma-separated IP addresses and CIDR ranges) whose X-Forwarded-For names
   * the client; empty (default): the header is never read and every client is its TCP peer.
   */
  @Inject
  @ConfigProperty(name = "TRUSTED_PROXIES")
  Optional<String> trustedProxies;

  private volatile TrustedProxies parsedTrustedProxies;

  /** What is wrong with the configuration, one sentence each; empty when it can be used. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (attachmentMaxBytes < 1 || attachmentMaxBytes > InboundAttachment.MAX_TOTAL_BYTES) {
      problems.add("ATTACHMENT_MAX_BYTES must be 1.." + InboundAttachment.MAX_TOTAL_BYTES);
    }
    if (tokenTtlMinutes < 1 || tokenTtlMinutes > 24 * 60) {
      problems.add("TOKEN_TTL_MINUTES must be 1..1440");
    }
    if (passwordIterations < MIN_PASSWORD_ITERATIONS) {
      problems.add("PASSWORD_ITERATIONS must be at least " + MIN_PASSWORD_ITERATIONS);
    }
    if (adminPassword.isPresent() && adminPassword.get().length() < MIN_PASSWORD_LENGTH) {
      problems.add("INBOX_ADMIN_PASSWORD is shorter than " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (loginFreeFailures < 1) {
      problems.add("LOGIN_FREE_FAILURES must be at least 1");
    }
    if (loginMaxLockSeconds < 1) {
      problems.add("LOGIN_MAX_LOCK_SECONDS must be at least 1");
    }
    if (loginFailureDecaySeconds < 1) {
      problems.add("LOGIN_FAILURE_DECAY_SECONDS must be at least 1");
    }
    if (loginNameMaxFailures < loginFreeFailures) {
      problems.add("LOGIN_NAME_MAX_FAILURES must be at least LOGIN_FREE_FAILURES");
    }
    if (customerStartReplayMinutes < 1 || customerStartReplayMinutes > 24 * 60) {
      problems.add("CUSTOMER_START_REPLAY_MINUTES must be 1..1440");
    }
    if (!messagingUrl.matches("https?://[^/]+")) {
      problems.add("MESSAGING_URL must be http(s)://host:port, without a path");
    }
    if (messagingTimeoutMillis < 100) {
      problems.add("MESSAGING_TIMEOUT_MS must be at least 100");
    }
    if (customerTokenTtlHours < 1 || customerTokenTtlHours > 24) {
      problems.add("CUSTOMER_TOKEN_TTL_HOURS must be 1..24");
    }
    if (loginRatePerMinute < 1
        || customerStartRatePerMinute < 1
        || customerMessageRatePerMinute < 1
        || customerReadRatePerMinute < 1
        || customerAddressMessageRatePerMinute < 1) {
      problems.add("LOGIN_RATE_PER_MINUTE and CUSTOMER_*_RATE_PER_MINUTE must be at least 1");
    }
    if (wsSendQueue < 8) {
      problems.add("WS_SEND_QUEUE must be at least 8");
    }
    if (fanoutQueueMax < 100) {
      problems.add("FANOUT_QUEUE_MAX must be at least 100");
    }
    if (wsSendTimeoutMillis < 100) {
      problems.add("WS_SEND_TIMEOUT_MS must be at least 100");
    }
    if (wsCoalesceMillis < 0 || wsCoalesceMillis > 1000) {
      problems.add("WS_COALESCE_MS must be 0..1000");
    }
    if (wsFrameRatePerMinute < 10) {
      problems.add("WS_FRAME_RATE_PER_MINUTE must be at least 10");
    }
    if (wsMaxSocketsPerUser < 1) {
      problems.add("WS_MAX_SOCKETS_PER_USER must be at least 1");
    }
    if (!autoAssign.equals("off") && !autoAssign.equals("round_robin")) {
      problems.add("AUTO_ASSIGN must be off or round_robin, not '" + autoAssign + "'");
    }
    for (String origin : widgetAllowedOrigins.orElse("").split(",")) {
      String o = origin.strip();
      if (!o.isEmpty()
          && !o.matches(
              "https?://([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?")) {
        problems.add(
            "WIDGET_ALLOWED_ORIGINS must list origins such as https://shop.example, not '"
                + o
                + "'");
      }
    }
    try {
      TrustedProxies.parse(trustedProxies.orElse(""));
    } catch (IllegalArgumentException e) {
      problems.add("TRUSTED_PROXIES must list IP addresses and CIDR ranges: " + e.getMessage());
    }
    if (auditRetentionDays < 1 || auditRetentionDays > MAX_AUDIT_RETENTION_DAYS) {
      problems.add("AUDIT_RETENTION_DAYS must be 1.." + MAX_AUDIT_RETENTION_DAYS);
    }
    return problems;
  }

  /** Whether new conversations are assigned round-robin ({@code AUTO_ASSIGN=round_robin}). */
  public boolean autoAssignRoundRobin() {
    return autoAssign.equals("round_robin");
  }

  public Duration tokenTtl() {
    return Duration.ofMinutes(tokenTtlMinutes);
  }

  public String adminUser() {
    return adminUser;
  }

  /** The first admin's password; only needed while no operator exists. */
  public Optional<String> adminPassword() {
    return adminPassword;
  }

  public int passwordIterations() {
    return passwordIterations;
  }

  public int loginFreeFailures() {
    return loginFreeFailures;
  }

  public Duration loginMaxLock() {
    return Duration.ofSeconds(loginMaxLockSeconds);
  }

  public Duration loginFailureDecay() {
    return Duration.ofSeconds(loginFailureDecaySeconds);
  }

  public int loginNameMaxFailures() {
    return loginNameMaxFailures;
  }

  public String messagingUrl() {
    return messagingUrl;
  }

  public Duration messagingTimeout() {
    return Duration.ofMillis(messagingTimeoutMillis);
  }

  public Duration customerTokenTtl() {
    return Duration.ofHours(customerTokenTtlHours);
  }

  /** The sites that may embed the chat widget (empty: none). */
  public java.util.Set<String> widgetAllowedOrigins() {
    return java.util.Arrays.stream(widgetAllowedOrigins.orElse("").split(","))
        .map(String::strip)
        .filter(o -> !o.isEmpty())
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** Origins whose pages may open /ws (a request without Origin is not from a browser page). */
  public java.util.Set<String> allowedOrigins() {
    return java.util.Arrays.stream(allowedOrigins.split(","))
        .map(String::strip)
        .filter(o -> !o.isEmpty())
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** Login attempts per minute from one client address (any user name). */
  public int loginRatePerMinute() {
    return loginRatePerMinute;
  }

  /** Conversations customers may start per minute from one client address. */
  public int customerStartRatePerMinute() {
    return customerStartRatePerMinute;
  }

  /** Messages per minute one customer token may send. */
  /** {@code ATTACHMENT_MAX_BYTES}: the most bytes of one uploaded file. */
  public long attachmentMaxBytes() {
    return attachmentMaxBytes;
  }

  public int customerMessageRatePerMinute() {
    return customerMessageRatePerMinute;
  }

  /** Read reports per minute from one customer token. */
  public int customerReadRatePerMinute() {
    return customerReadRatePerMinute;
  }

  /** Customer messages per minute from one client address (IPv6: one /64). */
  public int customerAddressMessageRatePerMinute() {
    return customerAddressMessageRatePerMinute;
  }

  public Duration customerStartReplayWindow() {
    return Duration.ofMinutes(customerStartReplayMinutes);
  }

  /** Events the instance's fan-out queue holds before the broker drops the oldest. */
  public int fanoutQueueMax() {
    return fanoutQueueMax;
  }

  /** How long one frame may take to go out to a socket before the socket is given up. */
  public int wsSendTimeoutMillis() {
    return wsSendTimeoutMillis;
  }

  public int wsCoalesceMillis() {
    return wsCoalesceMillis;
  }

  /** Frames waiting for one slow socket before it is closed (1013). */
  public int wsSendQueue() {
    return wsSendQueue;
  }

  public int wsFrameRatePerMinute() {
    return wsFrameRatePerMinute;
  }

  public int wsMaxSocketsPerUser() {
    return wsMaxSocketsPerUser;
  }

  /** The proxies whose X-Forwarded-For is honoured (checked by {@link #problems()} at start). */
  public TrustedProxies trustedProxies() {
    TrustedProxies parsed = parsedTrustedProxies;
    if (parsed == null) {
      parsed = TrustedProxies.parse(trustedProxies.orElse(""));
      parsedTrustedProxies = parsed;
    }
    return parsed;
  }

  /** How long audit entries are kept. */
  public Duration auditRetention() {
    return Duration.ofDays(auditRetentionDays);
  }
}
