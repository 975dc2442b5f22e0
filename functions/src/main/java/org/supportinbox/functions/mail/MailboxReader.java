package org.supportinbox.functions.mail;

import io.prometheus.metrics.core.metrics.Counter;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.supportinbox.contracts.rest.InboundEmail;
import org.supportinbox.functions.runtime.FunctionMetrics;
import org.supportinbox.functions.runtime.HttpEndpoints;

/**
 * Reads the support mailbox ({@code MAIL_IMAP_*}) while this replica holds the {@link ReaderLease}:
 * every unseen mail is judged ({@link InboundMail}), a customer's is stored through messaging, and
 * only then is the mail flagged {@code \Seen}; mails that are skipped (auto-replies, bounces) are
 * flagged seen too, and refused ones (too big, malformed) seen and {@code \Flagged} for a person to
 * look at, each with its reason in the log. Messages are read with {@code BODY.PEEK}, so a crash
 * before messaging answered leaves the mail unseen and it is read again (and stored once, by its
 * {@code Message-ID}).
 *
 * <p>Between rounds it waits with IMAP IDLE when the server has it (woken by new mail, and every
 * {@code MAIL_POLL_INTERVAL} in any case), else it polls every {@code MAIL_POLL_INTERVAL}. No
 * failure stops it: an unreachable server or messaging is retried with back-off, a mail that cannot
 * be read is refused and the reader goes on.
 */
final class MailboxReader {

  private static final Logger LOG = Logger.getLogger(MailboxReader.class.getName());
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  private final MailConfig config;
  private final MailMessagingClient messaging;
  private final ReaderLease lease;
  private final InboundMail judge;
  private final Counter mails;
  private final Session session;
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "mail-idle-watchdog");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean running = true;
  private volatile Thread thread;
  private volatile String problem;

  MailboxReader(
      MailConfig config,
      MailMessagingClient messaging,
      ReaderLease lease,
      FunctionMetrics metrics) {
    this.config = config;
    this.messaging = messaging;
    this.lease = lease;
    this.judge = new InboundMail(config.supportAddress, config.maxBytes, config.attachmentMaxBytes);
    this.mails =
        metrics.counter(
            "mail_inbound_total",
            "Mails read from the support mailbox, by result: stored, duplicate, skipped, refused",
            "result");
    Properties p = new Properties();
    String protocol = "ssl".equals(config.imapTls) ? "imaps" : "imap";
    String prefix = "mail." + protocol + ".";
    long ms = config.timeout.toMillis();
    p.put("mail.store.protocol", protocol);
    p.put(prefix + "connectiontimeout", Long.toString(ms));
    p.put(prefix + "timeout", Long.toString(ms));
    p.put(prefix + "writetimeout", Long.toString(ms));
    // Reading a mail must not mark it seen: only a stored one is.
    p.put(prefix + "peek", "true");
    if ("starttls".equals(config.imapTls)) {
      p.put("mail.imap.starttls.enable", "true");
      p.put("mail.imap.starttls.required", "true");
    }
    if (!"none".equals(config.imapTls)) {
      p.put(prefix + "ssl.checkserveridentity", "true");
    }
    // A broken multipart is refused, not guessed at.
    p.put("mail.mime.multipart.ignoremissingboundaryparameter", "false");
    this.session = Session.getInstance(p);
  }

  void start() {
    Thread t = new Thread(this::run, "mailbox-reader");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  void stop() {
    running = false;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    watchdog.shutdownNow();
    lease.close();
  }

  /** Readiness: reading (or standing by while another replica reads), not failing. */
  List<HttpEndpoints.Check> checks() {
    String p = problem;
    boolean leader = lease.held();
    return List.of(
        new HttpEndpoints.Check(
            "mailbox",
            p == null,
            p != null
                ? p
                : leader
                    ? "reading " + config.imapFolder + " at " + config.imapHost
                    : "standing by (another replica reads the mailbox)"));
  }

  private void run() {
    Duration backoff = Duration.ZERO;
    while (running) {
      try {
        if (!lease.acquire()) {
          problem = null;
          sleep(Duration.ofSeconds(Math.min(5, config.pollInterval.toSeconds() + 1)));
          continue;
        }
        readWhileLeased();
        backoff = Duration.ZERO;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        backoff = backoff.isZero() ? Duration.ofSeconds(1) : backoff.multipliedBy(2);
        if (backoff.compareTo(MAX_BACKOFF) > 0) {
          backoff = MAX_BACKOFF;
        }
        boolean first = problem == null;
        problem = "cannot read the mailbox: " + e;
        LOG.log(
            Level.WARNING,
            "cannot read the mailbox at "
                + config.imapHost
                + ":"
                + config.imapPort
                + "; retrying in "
                + backoff.toSeconds()
                + " s: "
                + e,
            first ? e : null);
        try {
          sleep(backoff);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void readWhileLeased() throws MessagingException, InterruptedException {
    try (Store store = session.getStore()) {
      store.connect(config.imapHost, config.imapPort, config.imapUser, config.imapPassword);
      Folder folder = store.getFolder(config.imapFolder);
      folder.open(Folder.READ_WRITE);
      boolean idle = store instanceof IMAPStore s && s.hasCapability("IDLE");
      LOG.info(
          "reading "
              + config.imapFolder
              + " at "
              + config.imapHost
              + ":"
              + config.imapPort
              + (idle ? " (IMAP IDLE)" : " (polling every " + config.pollInterval + ")"));
      try {
        while (running && lease.held()) {
          Duration wait = readNew(folder);
          if (wait == null) {
            problem = null;
          }
          if (wait != null) {
            sleep(wait); // messaging is away: the mails wait, unseen
          } else if (idle && folder instanceof IMAPFolder imap) {
            idle(imap);
          } else {
            sleep(config.pollInterval);
          }
        }
      } finally {
        if (folder.isOpen()) {
          folder.close(false);
        }
      }
    }
  }

  /**
   * One round over the unseen mails; null when it went through them all, or how long to wait before
   * the next round when messaging could not take them.
   */
  private Duration readNew(Folder folder) throws MessagingException {
    Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
    if (unseen.length == 0) {
      return null;
    }
    FetchProfile profile = new FetchProfile();
    profile.add(FetchProfile.Item.ENVELOPE);
    profile.add(FetchProfile.Item.FLAGS);
    profile.add(FetchProfile.Item.SIZE);
    profile.add(UIDFolder.FetchProfileItem.UID);
    folder.fetch(unseen, profile);
    for (Message m : unseen) {
      if (!running || !lease.held()) {
        return null;
      }
      try {
        if (!readOne((MimeMessage) m)) {
          return Duration.ofSeconds(5);
        }
      } catch (FolderClosedException | StoreClosedException e) {
        throw e; // the connection is gone: reconnect
      } catch (MessagingException | RuntimeException e) {
        if (!folder.isOpen() || !folder.getStore().isConnected()) {
          throw e instanceof MessagingException me ? me : new MessagingException(e.toString(), e);
        }
        // Whatever this one mail does to the library, the others are still read.
        refused(m, "unreadable: " + e);
      }
    }
    return null;
  }

  /** False when messaging could not take the mail now (it stays unseen for the next round). */
  private boolean readOne(MimeMessage m) throws MessagingException {
    int size = m.getSize();
    if (size > config.maxBytes) {
      refused(m, "too big: " + size + " bytes, MAIL_MAX_BYTES is " + config.maxBytes);
      return true; // never downloaded
    }
    // The raw mail, parsed here with this session's strict MIME settings rather than through the
    // server's view of its structure: what is judged is what the customer sent.
    InboundMail.Verdict verdict = judge.judge(new MimeMessage(m));
    if (verdict instanceof InboundMail.Verdict.Skipped skipped) {
      mails.labelValues("skipped").inc();
      LOG.info("skipped mail " + describe(m) + ": " + skipped.reason() + " (no answer is sent)");
      m.setFlag(Flags.Flag.SEEN, true);
      return true;
    }
    if (verdict instanceof InboundMail.Verdict.Refused refused) {
      refused(m, refused.reason());
      return true;
    }
    InboundMail.Verdict.Accepted accepted = (InboundMail.Verdict.Accepted) verdict;
    InboundEmail mail = accepted.mail();
    for (String dropped : accepted.dropped()) {
      LOG.warning("mail " + describe(m) + ": " + dropped + " (the message says so)");
    }
    try {
      MailMessagingClient.Stored stored = messaging.inbound(mail);
      mails.labelValues(stored.created() ? "stored" : "duplicate").inc();
      LOG.info(
          (stored.created() ? "stored mail <" : "mail stored before <")
              + mail.messageId()
              + "> as message_id="
              + stored.message().id()
              + " conversation_id="
              + stored.message().conversationId());
    } catch (MailMessagingClient.UnavailableException e) {
      problem = "messaging cannot take mail: " + e.getMessage();
      LOG.warning("messaging cannot take mail <" + mail.messageId() + "> now: " + e.getMessage());
      return false;
    } catch (MailMessagingClient.RefusedException e) {
      refused(m, "messaging refused it: " + e.getMessage());
      return true;
    }
    m.setFlag(Flags.Flag.SEEN, true);
    return true;
  }

  private void refused(Message m, String reason) throws MessagingException {
    mails.labelValues("refused").inc();
    LOG.warning("refused mail " + describe(m) + ": " + reason);
    Flags flags = new Flags(Flags.Flag.SEEN);
    flags.add(Flags.Flag.FLAGGED);
    m.setFlags(flags, true);
  }

  private static String describe(Message m) {
    try {
      String[] id = m.getHeader("Message-ID");
      return "#" + m.getMessageNumber() + (id == null ? "" : " " + id[0]);
    } catch (MessagingException | RuntimeException e) {
      return "#" + m.getMessageNumber();
    }
  }

  /**
   * IMAP IDLE until new mail comes, or {@code MAIL_POLL_INTERVAL} has passed: then (and every
   * interval after, should the first not land) a NOOP from the watchdog thread ends the IDLE, as
   * any command on the folder does (Angus sends DONE first), and makes the server report new mail.
   */
  private void idle(IMAPFolder folder) throws MessagingException {
    long every = config.pollInterval.toMillis();
    ScheduledFuture<?> wake =
        watchdog.scheduleAtFixedRate(
            () -> {
              try {
                folder.doCommand(
                    protocol -> {
                      protocol.simpleCommand("NOOP", null);
                      return null;
                    });
              } catch (MessagingException | RuntimeException e) {
                LOG.fine(() -> "ending IDLE: " + e);
              }
            },
            every,
            every,
            TimeUnit.MILLISECONDS);
    try {
      folder.idle(true);
    } finally {
      wake.cancel(false);
    }
  }

  private static void sleep(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }
}
