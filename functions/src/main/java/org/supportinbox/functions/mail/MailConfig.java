package org.supportinbox.functions.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.supportinbox.contracts.rest.InboundAttachment;
import org.supportinbox.functions.runtime.FunctionConfig;

/**
 * Every setting of the mail function, read once from the environment (docs/configuration.md).
 * {@link #problems()} lists bad values; the process does not start with any. There is no default
 * mailbox, server, address or key: the email channel is off until they are set.
 *
 * <p>The broker, messaging and HTTP settings are the ones every function reads ({@code RABBITMQ_*},
 * {@code EVENT_EXCHANGE}, {@code MESSAGING_URL}, {@code BIND_ADDRESS}, {@code FUNCTION_HTTP_PORT},
 * {@code METRICS_TOKEN}); {@link #runtime()} hands them, with the mail queue's name and retry
 * delays, to the shared runtime.
 */
public final class MailConfig {

  /** TLS modes of {@code MAIL_IMAP_TLS} and {@code MAIL_SMTP_TLS}. */
  public static final List<String> TLS_MODES = List.of("ssl", "starttls", "none");

  private final Function<String, String> env;
  private final Map<String, String> environment;
  private final List<String> problems = new ArrayList<>();

  public final String imapHost;
  public final int imapPort;
  public final String imapTls;
  public final String imapUser;
  public final String imapPassword;
  public final String imapFolder;
  public final String smtpHost;
  public final int smtpPort;
  public final String smtpTls;
  public final String smtpUser;
  public final String smtpPassword;

  /** The installation's support address: mails come to it, replies go out from it. */
  public final InternetAddress supportAddress;

  public final String mailFunctionSecret;
  public final Duration pollInterval;
  public final long maxBytes;

  /**
   * {@code ATTACHMENT_MAX_BYTES}: the most bytes of one attachment kept (messaging's limit too).
   */
  public final long attachmentMaxBytes;

  public final Duration timeout;
  public final String queue;
  public final String retryDelays;
  public final String serviceName;
  public final String messagingUrl;

  public MailConfig(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    this.env = environment::get;
    imapHost = required("MAIL_IMAP_HOST");
    imapTls = tls("MAIL_IMAP_TLS", "ssl");
    imapPort = integer("MAIL_IMAP_PORT", "ssl".equals(imapTls) ? 993 : 143, 1, 65_535);
    imapUser = required("MAIL_IMAP_USER");
    imapPassword = required("MAIL_IMAP_PASSWORD");
    imapFolder = text("MAIL_IMAP_FOLDER", "INBOX");
    smtpHost = required("MAIL_SMTP_HOST");
    smtpTls = tls("MAIL_SMTP_TLS", "starttls");
    smtpPort = integer("MAIL_SMTP_PORT", "ssl".equals(smtpTls) ? 465 : 587, 1, 65_535);
    smtpUser = optional("MAIL_SMTP_USER");
    smtpPassword = optional("MAIL_SMTP_PASSWORD");
    if ((smtpUser == null || smtpUser.isEmpty())
        != (smtpPassword == null || smtpPassword.isEmpty())) {
      problems.add("MAIL_SMTP_USER and MAIL_SMTP_PASSWORD go together (both or neither)");
    }
    supportAddress = address(required("SUPPORT_ADDRESS"));
    mailFunctionSecret = required("MAIL_FUNCTION_SECRET");
    if (mailFunctionSecret != null
        && mailFunctionSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
      problems.add("MAIL_FUNCTION_SECRET is shorter than 32 bytes");
    }
    pollInterval = duration("MAIL_POLL_INTERVAL", "60s");
    maxBytes = integer("MAIL_MAX_BYTES", 10 * 1024 * 1024, 1024, Integer.MAX_VALUE);
    attachmentMaxBytes =
        integer(
            "ATTACHMENT_MAX_BYTES",
            (int) InboundAttachment.DEFAULT_MAX_BYTES,
            1,
            (int) InboundAttachment.MAX_TOTAL_BYTES);
    timeout = duration("MAIL_TIMEOUT", "30s");
    queue = text("MAIL_QUEUE", "mail.send");
    retryDelays = text("MAIL_RETRY_DELAYS", "10s,30s,1m,5m,15m");
    serviceName = text("SERVICE_NAME", "mail-function");
    messagingUrl = stripSlash(text("MESSAGING_URL", "http://127.0.0.1:8001"));
    problems.addAll(runtime().problems());
  }

  public static MailConfig fromEnvironment() {
    return new MailConfig(System.getenv());
  }

  /** What is wrong, one sentence each; empty when the function can start. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * The runtime's settings: the broker and HTTP ones as given, the work queue {@code MAIL_QUEUE}
   * with the delays {@code MAIL_RETRY_DELAYS}, one consumer (a send takes a second; one reply at a
   * time per replica keeps the SMTP server's rate limits far away), and the mail key as the key the
   * runtime would sign with (it publishes nothing for this function).
   */
  public FunctionConfig runtime() {
    Map<String, String> r = new HashMap<>(environment);
    r.put("AI_QUEUE", queue);
    r.put("AI_RETRY_DELAYS", retryDelays);
    r.put("AI_CONCURRENCY", "1");
    r.put("SERVICE_NAME", serviceName);
    if (mailFunctionSecret != null) {
      r.put("AI_FUNCTION_SECRET", mailFunctionSecret);
    }
    return new FunctionConfig(r);
  }

  /** The support address's domain: the right side of every Message-ID the function makes. */
  public String domain() {
    String a = supportAddress == null ? "localhost" : supportAddress.getAddress();
    return a.substring(a.indexOf('@') + 1).toLowerCase(Locale.ROOT);
  }

  private InternetAddress address(String value) {
    if (value == null) {
      return null;
    }
    try {
      InternetAddress a = new InternetAddress(value, true);
      if (a.getAddress().indexOf('@') < 1) {
        throw new AddressException("no domain");
      }
      return a;
    } catch (AddressException e) {
      problems.add("SUPPORT_ADDRESS '" + value + "' is not an email address");
      return null;
    }
  }

  private String tls(String name, String fallback) {
    String value = text(name, fallback).toLowerCase(Locale.ROOT);
    if (!TLS_MODES.contains(value)) {
      problems.add(name + " must be one of " + TLS_MODES + ", not '" + value + "'");
      return fallback;
    }
    return value;
  }

  /** An optional value: null when unset or blank. */
  private String optional(String name) {
    String value = env.apply(name);
    return value == null || value.isBlank() ? null : value;
  }

  private String text(String name, String fallback) {
    String value = env.apply(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  private String required(String name) {
    String value = env.apply(name);
    if (value == null || value.isBlank()) {
      problems.add(name + " is not set");
      return null;
    }
    return value.strip();
  }

  private int integer(String name, int fallback, int min, int max) {
    String value = text(name, Integer.toString(fallback));
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(name + " must be a whole number " + min + ".." + max + ", not '" + value + "'");
    return fallback;
  }

  private Duration duration(String name, String fallback) {
    String value = text(name, fallback);
    try {
      return parse(value);
    } catch (IllegalArgumentException e) {
      problems.add(name + ": " + e.getMessage());
      return parse(fallback);
    }
  }

  /** {@code 500ms}, {@code 2s}, {@code 5m}; a bare number is seconds. Positive. */
  static Duration parse(String text) {
    String t = text.strip();
    try {
      Duration d;
      if (t.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      } else if (t.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      } else {
        d = Duration.ofSeconds(Long.parseLong(t));
      }
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("'" + text + "' must be positive");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (e.g. 500ms, 2s, 5m, or seconds)");
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
