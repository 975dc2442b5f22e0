package org.supportinbox.chaos;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.supportinbox.testing.FunctionUnderTest;
import org.supportinbox.testing.InboxStack;
import org.supportinbox.testing.PayaraMicro;

/**
 * The email phase's mail servers and mail function replicas, and the faults done to them. Two
 * GreenMail servers in this JVM, on 127.0.0.1: the support provider's inbound one (SMTP, which the
 * customers' mails are sent to, and IMAP, where the mail functions read the support mailbox) and
 * the outbound SMTP server the mail functions send replies through, which the outage stops and
 * starts again on the same port. Two servers because stopping GreenMail empties its store: the
 * mailbox must outlive the outage; and every store the outbound server had is kept (its {@link
 * Managers}), so the customers' received mails are counted across the outage. Mail function
 * replicas are processes ({@code MailMain}), each with a name of its own.
 */
final class MailSide implements AutoCloseable {

  static final String SUPPORT = "support@support.example";
  static final String DOMAIN = "support.example";
  static final String CUSTOMER_DOMAIN = "customers.example";

  /**
   * The back-off of the replicas' SMTP tries: shorter than the product's default (10s, 30s, 1m, 5m,
   * 15m), so the run stays short, and long enough in total (322 s; at most 10 delays) that neither
   * the SMTP outage nor a claim left by a SIGKILLed replica (120 s lease) nor messaging's own
   * SIGKILL and restart (about 30 s more) uses all the tries up: 157 s were once too few when
   * messaging's kill fell into the lease's last minute.
   */
  static final String RETRY_DELAYS = "2s,5s,10s,20s,30s,30s,45s,60s,60s,60s";

  private static final String MAILBOX_USER = "support";
  private static final Pattern WORKER = Pattern.compile("worker (\\S+#[0-9a-f]+)");

  /** One mail a customer's mailbox received from the outbound server. */
  record Received(String messageId, String to, Instant receivedAt) {}

  private final InboxStack services;
  private final String password = "chaos-" + UUID.randomUUID();
  final GreenMail inbound;
  private final Session customerSession;
  private final int outboundPort;
  private final GreenMail outbound;
  private final List<Managers> outboundStores = new ArrayList<>();
  private final List<FunctionUnderTest> replicas = new ArrayList<>();
  private final List<FunctionUnderTest> stopped = new ArrayList<>();
  private final AtomicInteger serial = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  private MailSide(InboxStack services) {
    this.services = services;
    int inboundSmtp = PayaraMicro.freePort();
    inbound =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(inboundSmtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(PayaraMicro.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
            });
    inbound.start();
    inbound.setUser(SUPPORT, MAILBOX_USER, password);
    Properties p = new Properties();
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", Integer.toString(inboundSmtp));
    p.put("mail.smtp.connectiontimeout", "10000");
    p.put("mail.smtp.timeout", "10000");
    customerSession = Session.getInstance(p);
    outboundPort = PayaraMicro.freePort();
    outbound = new GreenMail(new ServerSetup(outboundPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    outbound.start();
    outboundStores.add(outbound.getManagers());
  }

  /** Starts the mail servers and {@code replicas} mail function replicas; waits until healthy. */
  static MailSide start(InboxStack services, int replicas) throws IOException {
    MailSide side = new MailSide(services);
    try {
      List<FunctionUnderTest> started = new ArrayList<>();
      for (int i = 0; i < replicas; i++) {
        started.add(side.startReplica());
      }
      for (FunctionUnderTest f : started) {
        f.awaitHealthy(Duration.ofMinutes(2));
      }
      return side;
    } catch (RuntimeException | IOException e) {
      side.close();
      throw e;
    }
  }

  private Map<String, String> settings() {
    Map<String, String> s = new HashMap<>();
    s.put("MAIL_IMAP_HOST", "127.0.0.1");
    s.put("MAIL_IMAP_PORT", Integer.toString(inbound.getImap().getPort()));
    s.put("MAIL_IMAP_TLS", "none");
    s.put("MAIL_IMAP_USER", MAILBOX_USER);
    s.put("MAIL_IMAP_PASSWORD", password);
    s.put("MAIL_SMTP_HOST", "127.0.0.1");
    s.put("MAIL_SMTP_PORT", Integer.toString(outboundPort));
    s.put("MAIL_SMTP_TLS", "none");
    s.put("SUPPORT_ADDRESS", "Chaos Support <" + SUPPORT + ">");
    s.put("MAIL_POLL_INTERVAL", "2s");
    s.put("MAIL_TIMEOUT", "5s");
    s.put("MAIL_RETRY_DELAYS", RETRY_DELAYS);
    return s;
  }

  /** Starts one more replica; does not wait for it. */
  FunctionUnderTest startReplica() throws IOException {
    FunctionUnderTest f =
        FunctionUnderTest.start(
            "mail-function-" + serial.incrementAndGet(),
            "org.supportinbox.functions.mail.MailMain",
            services.mailFunctionEnvironment(settings()));
    synchronized (replicas) {
      replicas.add(f);
    }
    return f;
  }

  /** The name a replica claims deliveries under, from its start line; null before it is logged. */
  static String worker(FunctionUnderTest f) {
    Matcher m = WORKER.matcher(f.log());
    return m.find() ? m.group(1) : null;
  }

  List<FunctionUnderTest> running() {
    synchronized (replicas) {
      return List.copyOf(replicas);
    }
  }

  /**
   * SIGKILLs {@code victim} (a running replica) and starts a new one; waits until it is healthy.
   */
  String kill(FunctionUnderTest victim) throws IOException {
    synchronized (replicas) {
      replicas.remove(victim);
      stopped.add(victim);
    }
    long pid = victim.pid();
    victim.sigkill();
    FunctionUnderTest fresh = startReplica();
    fresh.awaitHealthy(Duration.ofMinutes(2));
    return "SIGKILL mail function pid " + pid + ", new replica pid " + fresh.pid() + " healthy";
  }

  /** A customer's mail to the support address, through the inbound SMTP server. */
  void sendCustomerMail(int index, String messageId, String runId) throws MessagingException {
    MimeMessage m =
        new MimeMessage(customerSession) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + messageId + ">");
          }
        };
    try {
      m.setFrom(new InternetAddress(customerAddress(index), "Mail Customer " + index, "UTF-8"));
    } catch (java.io.UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
    m.setSubject("Order question " + index + " of " + runId, "UTF-8");
    m.setText(
        "Hello, this is mail " + index + " of the chaos run " + runId + ". Where is my order?",
        "UTF-8");
    m.setSentDate(new java.util.Date());
    m.saveChanges();
    Transport.send(m);
  }

  static String customerAddress(int index) {
    return "customer-" + index + "@" + CUSTOMER_DOMAIN;
  }

  /** The outage: the outbound SMTP server stopped (its port closed); its store is kept. */
  void smtpDown() {
    synchronized (outboundStores) {
      outbound.stop();
    }
  }

  /** The outbound SMTP server started again on the same port, with a new (empty) store. */
  void smtpUp() {
    synchronized (outboundStores) {
      outbound.start();
      outboundStores.add(outbound.getManagers());
    }
  }

  /** Every mail the outbound server took, across its restarts, by receiving mailbox. */
  List<Received> received() throws MessagingException {
    List<Managers> stores;
    synchronized (outboundStores) {
      stores = List.copyOf(outboundStores);
    }
    List<Received> out = new ArrayList<>();
    for (Managers m : stores) {
      for (StoredMessage s : m.getImapHostManager().getAllMessages()) {
        MimeMessage mail = s.getMimeMessage();
        String[] id = mail.getHeader("Message-ID");
        jakarta.mail.Address[] to = mail.getRecipients(Message.RecipientType.TO);
        out.add(
            new Received(
                id == null ? null : id[0].replaceAll("[<>\\s]", ""),
                to == null || to.length == 0 ? null : ((InternetAddress) to[0]).getAddress(),
                s.getReceivedDate() == null ? Instant.now() : s.getReceivedDate().toInstant()));
      }
    }
    return out;
  }

  /** Mails in the support mailbox the readers have not flagged {@code \Seen}. */
  long unseenInMailbox() {
    return inbound.getManagers().getImapHostManager().getAllMessages().stream()
        .filter(s -> !s.isSet(Flags.Flag.SEEN))
        .count();
  }

  /** Lines of every replica's log (killed ones too) that contain {@code needle}. */
  long logLines(String needle) {
    long n = 0;
    List<FunctionUnderTest> all = new ArrayList<>();
    synchronized (replicas) {
      all.addAll(replicas);
      all.addAll(stopped);
    }
    for (FunctionUnderTest f : all) {
      n += f.log().lines().filter(l -> l.contains(needle)).count();
    }
    return n;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<Runnable> steps = new ArrayList<>();
    synchronized (replicas) {
      replicas.forEach(f -> steps.add(f::close));
      stopped.forEach(f -> steps.add(f::close));
    }
    steps.add(outbound::stop);
    steps.add(inbound::stop);
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (RuntimeException e) {
        Log.say("cleanup step failed: " + e);
      }
    }
  }
}
