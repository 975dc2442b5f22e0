package org.supportinbox.messaging.infrastructure.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supportinbox.contracts.Sender;
import org.supportinbox.contracts.WireEnum;
import org.supportinbox.contracts.events.EventTopology;

/**
 * Every setting of messaging, with its default. Names are the environment variables documented in
 * docs/configuration.md. Secrets have no default: {@link #problems()} lists what is missing and
 * start-up refuses to go on.
 */
@ApplicationScoped
public class MessagingConfig {

  /** HS256 needs a key at least as long as its hash (RFC 7518 section 3.2). */
  public static final int MIN_SECRET_BYTES = 32;

  @Inject
  @ConfigProperty(name = "JWT_SECRET")
  Optional<String> jwtSecret;

  @Inject
  @ConfigProperty(name = "JWT_ISSUER", defaultValue = "support-inbox")
  String jwtIssuer;

  @Inject
  @ConfigProperty(name = "RABBITMQ_HOST", defaultValue = "localhost")
  String rabbitHost;

  @Inject
  @ConfigProperty(name = "RABBITMQ_PORT", defaultValue = "5672")
  int rabbitPort;

  @Inject
  @ConfigProperty(name = "RABBITMQ_VHOST", defaultValue = "/")
  String rabbitVhost;

  @Inject
  @ConfigProperty(name = "RABBITMQ_USER", defaultValue = "guest")
  String rabbitUser;

  @Inject
  @ConfigProperty(name = "RABBITMQ_PASSWORD")
  Optional<String> rabbitPassword;

  @Inject
  @ConfigProperty(name = "EVENT_EXCHANGE", defaultValue = EventTopology.DEFAULT_EXCHANGE)
  String eventExchange;

  @Inject
  @ConfigProperty(name = "AI_ANALYZE_SENDERS", defaultValue = "customer")
  String analyseSenders;

  @Inject
  @ConfigProperty(name = "OUTBOX_BATCH_SIZE", defaultValue = "500")
  int outboxBatchSize;

  @Inject
  @ConfigProperty(name = "OUTBOX_SWEEP_MS", defaultValue = "1000")
  long outboxSweepMillis;

  @Inject
  @ConfigProperty(name = "OUTBOX_RETENTION_HOURS", defaultValue = "168")
  int outboxRetentionHours;

  @Inject
  @ConfigProperty(name = "PUBLISH_CONFIRM_TIMEOUT_MS", defaultValue = "5000")
  long publishConfirmTimeoutMillis;

  @Inject
  @ConfigProperty(name = "MAX_REQUEST_BYTES", defaultValue = "262144")
  int maxRequestBytes;

  /** What is wrong with the configuration, one sentence each; empty when it can be used. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (jwtSecret.isEmpty()) {
      problems.add("JWT_SECRET is not set (at least " + MIN_SECRET_BYTES + " bytes)");
    } else if (jwtSecret.get().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      problems.add("JWT_SECRET is shorter than " + MIN_SECRET_BYTES + " bytes");
    }
    if (rabbitPassword.isEmpty()) {
      problems.add("RABBITMQ_PASSWORD is not set");
    }
    try {
      analysedSenders();
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (outboxBatchSize < 1 || outboxBatchSize > 10_000) {
      problems.add("OUTBOX_BATCH_SIZE must be 1..10000");
    }
    if (outboxSweepMillis < 10) {
      problems.add("OUTBOX_SWEEP_MS must be at least 10");
    }
    if (outboxRetentionHours < 1) {
      problems.add("OUTBOX_RETENTION_HOURS must be at least 1");
    }
    if (publishConfirmTimeoutMillis < 100) {
      problems.add("PUBLISH_CONFIRM_TIMEOUT_MS must be at least 100");
    }
    if (maxRequestBytes < 1024) {
      problems.add("MAX_REQUEST_BYTES must be at least 1024");
    }
    return problems;
  }

  public byte[] jwtSecret() {
    return jwtSecret.orElseThrow().getBytes(StandardCharsets.UTF_8);
  }

  public String jwtIssuer() {
    return jwtIssuer;
  }

  public String rabbitHost() {
    return rabbitHost;
  }

  public int rabbitPort() {
    return rabbitPort;
  }

  public String rabbitVhost() {
    return rabbitVhost;
  }

  public String rabbitUser() {
    return rabbitUser;
  }

  public String rabbitPassword() {
    return rabbitPassword.orElseThrow();
  }

  public String eventExchange() {
    return eventExchange;
  }

  /** {@code AI_ANALYZE_SENDERS}: comma-separated senders whose messages get an AI insight. */
  public Set<Sender> analysedSenders() {
    Set<Sender> senders = EnumSet.noneOf(Sender.class);
    for (String name : analyseSenders.split(",")) {
      String trimmed = name.strip();
      if (!trimmed.isEmpty()) {
        senders.add(
            WireEnum.parse(Sender.class, trimmed)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "AI_ANALYZE_SENDERS has '"
                                + trimmed
                                + "'; allowed: "
                                + WireEnum.choices(Sender.class))));
      }
    }
    return senders;
  }

  public int outboxBatchSize() {
    return outboxBatchSize;
  }

  public long outboxSweepMillis() {
    return outboxSweepMillis;
  }

  /** How long published outbox rows are kept before the relay deletes them. */
  public int outboxRetentionHours() {
    return outboxRetentionHours;
  }

  public long publishConfirmTimeoutMillis() {
    return publishConfirmTimeoutMillis;
  }

  public int maxRequestBytes() {
    return maxRequestBytes;
  }
}
