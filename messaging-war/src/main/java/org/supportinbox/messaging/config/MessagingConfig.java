package org.supportinbox.messaging.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supportinbox.contracts.Sender;
import org.supportinbox.contracts.WireEnum;
import org.supportinbox.contracts.rest.InboundAttachment;
import org.supportinbox.platform.SharedConfig;

/**
 * Messaging's own settings, with their defaults (the shared ones, secret and broker included, are
 * in {@link org.supportinbox.platform.SharedConfig}). Names are the environment variables
 * documented in docs/configuration.md; {@link #problems()} lists bad values and start-up refuses to
 * go on.
 */
@ApplicationScoped
public class MessagingConfig {

  /** The shortest {@code METRICS_TOKEN}, as the functions ask. */
  static final int MIN_METRICS_TOKEN_CHARS = 16;

  @Inject
  @ConfigProperty(name = "AI_ANALYZE_SENDERS", defaultValue = "customer")
  String analyseSenders;

  @Inject
  @ConfigProperty(name = "OUTBOX_BATCH_SIZE", defaultValue = "500")
  int outboxBatchSize;

  @Inject
  @ConfigProperty(name = "OUTBOX_SWEEP_MS", defaultValue = "1000")
  long outboxSweepMillis;

  /**
   * How long, in ms, the relay waits after a commit woke it, so that the rows of the transactions
   * committing meanwhile go in the same batch (its statements and its broker confirm are per
   * batch).
   */
  @Inject
  @ConfigProperty(name = "OUTBOX_LINGER_MS", defaultValue = "5")
  long outboxLingerMillis;

  @Inject
  @ConfigProperty(name = "OUTBOX_RETENTION_HOURS", defaultValue = "168")
  int outboxRetentionHours;

  @Inject
  @ConfigProperty(name = "PUBLISH_CONFIRM_TIMEOUT_MS", defaultValue = "5000")
  long publishConfirmTimeoutMillis;

  /**
   * The mail functions' own key: messaging accepts their tokens (role {@code mail_function}) only
   * when it is set. Unset: the email channel is off and {@code /email} answers nobody.
   */
  @Inject
  @ConfigProperty(name = "MAIL_FUNCTION_SECRET")
  Optional<String> mailFunctionSecret;

  /** The most bytes of one attachment; at most {@code InboundAttachment.MAX_TOTAL_BYTES}. */
  @Inject
  @ConfigProperty(name = "ATTACHMENT_MAX_BYTES", defaultValue = "10485760")
  long attachmentMaxBytes;

  /**
   * The bearer token {@code GET /ai-quality/metrics} asks of a scraper (at least 16 characters);
   * unset, the metrics are off ({@code 403}).
   */
  @Inject
  @ConfigProperty(name = "METRICS_TOKEN")
  Optional<String> metricsToken;

  /**
   * How long after an operator's reply in a chat conversation whose customer gave an email the
   * reply is mailed to them, unless they read it in the chat first: an ISO-8601 duration ({@code
   * PT5M}) or whole seconds ({@code 300}); {@code 0} or {@code off}: never.
   */
  @Inject
  @ConfigProperty(name = "EMAIL_FALLBACK_AFTER", defaultValue = "PT5M")
  String emailFallbackAfter;

  /** The longest {@code EMAIL_FALLBACK_AFTER}: a mail a week later is no follow-up any more. */
  static final Duration MAX_FALLBACK_AFTER = Duration.ofDays(7);

  @Inject
  @ConfigProperty(name = "JWT_SECRET")
  Optional<String> jwtSecret;

  @Inject
  @ConfigProperty(name = "AI_FUNCTION_SECRET")
  Optional<String> aiFunctionSecret;

  /** What is wrong with the configuration, one sentence each; empty when it can be used. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    try {
      analysedSenders();
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (outboxBatchSize < 1 || outboxBatchSize > 10_000) {
      problems.add("OUTBOX_BATCH_SIZE must be 1..10000");
    }
    if (outboxLingerMillis < 0 || outboxLingerMillis > 1_000) {
      problems.add("OUTBOX_LINGER_MS must be 0..1000");
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
    if (attachmentMaxBytes < 1 || attachmentMaxBytes > InboundAttachment.MAX_TOTAL_BYTES) {
      problems.add("ATTACHMENT_MAX_BYTES must be 1.." + InboundAttachment.MAX_TOTAL_BYTES);
    }
    if (metricsToken().filter(t -> t.length() < MIN_METRICS_TOKEN_CHARS).isPresent()) {
      problems.add("METRICS_TOKEN is shorter than " + MIN_METRICS_TOKEN_CHARS + " characters");
    }
    try {
      fallbackAfter(emailFallbackAfter);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (mailFunctionSecret.isPresent()) {
      String secret = mailFunctionSecret.get();
      if (secret.getBytes(StandardCharsets.UTF_8).length < SharedConfig.MIN_SECRET_BYTES) {
        problems.add(
            "MAIL_FUNCTION_SECRET is shorter than " + SharedConfig.MIN_SECRET_BYTES + " bytes");
      } else if (mailFunctionSecret.equals(jwtSecret)
          || mailFunctionSecret.equals(aiFunctionSecret)) {
        problems.add(
            "MAIL_FUNCTION_SECRET must differ from JWT_SECRET and AI_FUNCTION_SECRET (each kind of"
                + " caller has a key of its own)");
      }
    }
    return problems;
  }

  /**
   * After how long a chat reply is mailed to a customer who gave an email and has not read it;
   * empty when the fallback is off: {@code EMAIL_FALLBACK_AFTER} is {@code 0} or {@code off}, or
   * the email channel is ({@code MAIL_FUNCTION_SECRET} unset, so no mail function could send it).
   */
  public Optional<Duration> emailFallbackAfter() {
    if (mailFunctionSecret.isEmpty()) {
      return Optional.empty();
    }
    return fallbackAfter(emailFallbackAfter);
  }

  /** {@code PT5M}, {@code 300} (seconds); {@code 0}, {@code off}: empty. At most a week. */
  static Optional<Duration> fallbackAfter(String text) {
    String t = text == null ? "" : text.strip();
    if (t.equals("0") || t.toLowerCase(Locale.ROOT).equals("off")) {
      return Optional.empty();
    }
    Duration d;
    try {
      d =
          t.chars().allMatch(Character::isDigit) && !t.isEmpty()
              ? Duration.ofSeconds(Long.parseLong(t))
              : Duration.parse(t);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "EMAIL_FALLBACK_AFTER must be an ISO-8601 duration (PT5M), whole seconds (300), 0 or"
              + " off, not '"
              + t
              + "'");
    }
    if (d.isNegative() || d.isZero() || d.compareTo(MAX_FALLBACK_AFTER) > 0) {
      throw new IllegalArgumentException(
          "EMAIL_FALLBACK_AFTER must be more than 0 and at most PT168H (0 or off: never), not '"
              + t
              + "'");
    }
    return Optional.of(d);
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

  public long outboxLingerMillis() {
    return outboxLingerMillis;
  }

  /** How long published outbox rows are kept before the relay deletes them. */
  public int outboxRetentionHours() {
    return outboxRetentionHours;
  }

  /** {@code MAIL_FUNCTION_SECRET}, when the email channel is on. */
  public Optional<String> mailFunctionSecret() {
    return mailFunctionSecret.filter(s -> !s.isEmpty());
  }

  /** {@code METRICS_TOKEN}, when the metrics are on. */
  public Optional<String> metricsToken() {
    return metricsToken.filter(s -> !s.isEmpty());
  }

  /** {@code ATTACHMENT_MAX_BYTES}: the most bytes of one attachment. */
  public long attachmentMaxBytes() {
    return attachmentMaxBytes;
  }

  public long publishConfirmTimeoutMillis() {
    return publishConfirmTimeoutMillis;
  }
}
