package org.supportinbox.functions.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.supportinbox.contracts.rest.InboundAttachment;
import org.supportinbox.contracts.rest.InboundEmail;

/**
 * Judges one mail of the support mailbox and, when it is a customer's, reduces it to what messaging
 * keeps ({@link InboundEmail}). Never throws for anything a mail contains: a mail that cannot be
 * read is a {@link Verdict.Refused} with the reason.
 */
final class InboundMail {

  /** What becomes of a mail. */
  sealed interface Verdict {

    /**
     * A customer's mail: store it. {@code dropped}: why each attachment that is not kept was
     * dropped (the message's text says so too), for the log.
     */
    record Accepted(InboundEmail mail, List<String> dropped) implements Verdict {}

    /**
     * Not a customer writing (an auto-reply, a bounce, a list, our own mail come back): stored
     * nowhere, so nobody can ever answer it and no mail loop can start.
     */
    record Skipped(String reason) implements Verdict {}

    /** A mail that cannot or must not be read (too big, malformed, no text). */
    record Refused(String reason) implements Verdict {}
  }

  /** Most code points kept of a mail's text: messaging's limit for a message. */
  static final int MAX_TEXT = 10_000;

  private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");
  private static final Pattern SUBJECT_TOKEN = Pattern.compile("\\[#([a-z0-9]{12})\\]");
  private static final Pattern REPLY_PREFIX =
      Pattern.compile(
          "^\\s*((re|fwd?|aw|wg|sv|antw|tr|rv)\\s*(\\[\\d+\\])?\\s*:\\s*)+",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern BOUNCER =
      Pattern.compile("^(mailer-daemon|postmaster)@.*", Pattern.CASE_INSENSITIVE);

  private final InternetAddress support;
  private final long maxBytes;
  private final long attachmentMaxBytes;

  InboundMail(InternetAddress support, long maxBytes, long attachmentMaxBytes) {
    this.support = support;
    this.maxBytes = maxBytes;
    this.attachmentMaxBytes = attachmentMaxBytes;
  }

  Verdict judge(MimeMessage m) {
    try {
      int size = m.getSize();
      if (size > maxBytes) {
        return new Verdict.Refused("too big: " + size + " bytes, MAIL_MAX_BYTES is " + maxBytes);
      }
      Verdict loop = loop(m);
      if (loop != null) {
        return loop;
      }
      Address[] from = m.getFrom();
      if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress sender)) {
        return new Verdict.Refused("no sender (From)");
      }
      String address = sender.getAddress();
      if (address == null || !address.matches("[^@\\s<>]+@[^@\\s<>]+") || address.length() > 254) {
        return new Verdict.Refused(
            "the sender is not an address: " + clip(String.valueOf(address)));
      }
      if (ours(address)) {
        return new Verdict.Skipped("sent from the support address itself");
      }
      if (BOUNCER.matcher(address).matches()) {
        return new Verdict.Skipped("bounce from " + address);
      }
      String text = text(m);
      if (text == null) {
        return new Verdict.Refused("no text part");
      }
      String kept = TextTrimmer.trim(text);
      if (kept.isEmpty()) {
        kept = text.strip(); // all of it looked like a quote: keep it rather than lose it
      }
      if (kept.isEmpty()) {
        return new Verdict.Refused("empty text");
      }
      Files files = files(m);
      kept = cut(stripControls(kept), MAX_TEXT - files.notes().length()) + files.notes();
      String subject = m.getSubject() == null ? "" : m.getSubject();
      return new Verdict.Accepted(
          new InboundEmail(
              messageId(m),
              ids(m.getHeader("In-Reply-To")),
              ids(m.getHeader("References")),
              token(m, subject),
              address,
              name(sender),
              cleanSubject(subject),
              kept,
              files.kept()),
          files.dropped());
    } catch (MessagingException | IOException | RuntimeException e) {
      return new Verdict.Refused("malformed MIME: " + clip(e.toString()));
    }
  }

  /** Auto-replies, bounces and lists, by the headers RFC 3834 and common practice set. */
  private static Verdict loop(MimeMessage m) throws MessagingException {
    String auto = first(m, "Auto-Submitted");
    if (auto != null && !auto.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
      return new Verdict.Skipped("Auto-Submitted: " + clip(auto.strip()));
    }
    String precedence = first(m, "Precedence");
    if (precedence != null
        && List.of("bulk", "junk", "list", "auto_reply")
            .contains(precedence.strip().toLowerCase(Locale.ROOT))) {
      return new Verdict.Skipped("Precedence: " + clip(precedence.strip()));
    }
    if (first(m, "X-Autoreply") != null || first(m, "X-Autorespond") != null) {
      return new Verdict.Skipped("X-Autoreply/X-Autorespond");
    }
    String returnPath = first(m, "Return-Path");
    if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
      return new Verdict.Skipped("null sender (Return-Path: <>): a bounce");
    }
    String type = m.getContentType();
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/report")) {
      return new Verdict.Skipped("delivery report (multipart/report)");
    }
    return null;
  }

  private boolean ours(String address) {
    String a = address.toLowerCase(Locale.ROOT);
    String s = support.getAddress().toLowerCase(Locale.ROOT);
    int at = s.indexOf('@');
    return a.equals(s) || (a.startsWith(s.substring(0, at) + "+") && a.endsWith(s.substring(at)));
  }

  /**
   * The mail's text: its first inline text/plain part, else its first text/html part made plain;
   * attachments and attached mails are not read. Null when it has neither.
   */
  static String text(Part part) throws MessagingException, IOException {
    String plain = find(part, "text/plain");
    if (plain != null) {
      return plain;
    }
    String html = find(part, "text/html");
    return html == null ? null : HtmlText.of(html);
  }

  private static String find(Part part, String type) throws MessagingException, IOException {
    if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      return null;
    }
    if (part.isMimeType(type)) {
      Object content = part.getContent();
      return content instanceof String s ? s : readText(part);
    }
    if (part.isMimeType("multipart/*")) {
      Object content = part.getContent();
      if (!(content instanceof Multipart multipart)) {
        throw new MessagingException("a multipart whose content is not a multipart");
      }
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        String found = find(child, type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** A text part whose charset Java does not know: read as UTF-8, bad bytes replaced. */
  private static String readText(Part part) throws MessagingException, IOException {
    try (InputStream in = part.getInputStream()) {
      return new String(in.readNBytes(MAX_TEXT * 4), StandardCharsets.UTF_8);
    }
  }

  /** The Message-ID without brackets; for a mail without one, one derived from its bytes. */
  private static String messageId(MimeMessage m) throws MessagingException, IOException {
    String header = m.getMessageID();
    if (header != null) {
      Matcher id = ANGLE_ID.matcher(header);
      if (id.find() && id.group(1).length() <= 998) {
        return id.group(1);
      }
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
        m.writeTo(out);
      }
      return "sha256-" + HexFormat.of().formatHex(sha.digest()) + "@no-message-id.invalid";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The ids of an {@code In-Reply-To} or {@code References} header, in order, at most 100. */
  static List<String> ids(String[] headers) {
    List<String> ids = new ArrayList<>();
    if (headers == null) {
      return ids;
    }
    for (String header : headers) {
      Matcher m = ANGLE_ID.matcher(header);
      while (m.find() && ids.size() < 100) {
        if (m.group(1).length() <= 998) {
          ids.add(m.group(1));
        }
      }
    }
    // References can be long: the latest ones matter for threading.
    return ids;
  }

  /** The token in the subject ({@code [#token]}) or in a recipient address {@code local+token@}. */
  private String token(MimeMessage m, String subject) throws MessagingException {
    Matcher inSubject = SUBJECT_TOKEN.matcher(subject);
    if (inSubject.find()) {
      return inSubject.group(1);
    }
    String s = support.getAddress().toLowerCase(Locale.ROOT);
    int at = s.indexOf('@');
    Pattern plus =
        Pattern.compile(
            Pattern.quote(s.substring(0, at))
                + "\\+([a-z0-9]{12})"
                + Pattern.quote(s.substring(at)));
    List<String> recipients = new ArrayList<>();
    for (String header : List.of("To", "Cc", "Delivered-To", "X-Original-To")) {
      String[] values = m.getHeader(header);
      if (values != null) {
        recipients.addAll(List.of(values));
      }
    }
    for (String r : recipients) {
      Matcher found = plus.matcher(r.toLowerCase(Locale.ROOT));
      if (found.find()) {
        return found.group(1);
      }
    }
    return null;
  }

  static String cleanSubject(String subject) {
    String s = REPLY_PREFIX.matcher(subject).replaceFirst("");
    s = SUBJECT_TOKEN.matcher(s).replaceAll("").replaceAll("\\s+", " ").strip();
    return s.length() <= 200 ? s : s.substring(0, 200);
  }

  private static String name(InternetAddress sender) {
    String personal = sender.getPersonal();
    if (personal == null || personal.isBlank()) {
      return null;
    }
    String n = stripControls(personal).replaceAll("\\s+", " ").strip();
    return n.isEmpty() ? null : n.length() <= 200 ? n : n.substring(0, 200);
  }

  /** Control characters but line breaks and tabs go (NUL cannot be stored at all). */
  private static String stripControls(String s) {
    return s.replaceAll("[\\p{Cc}&&[^\\n\\t]]", "");
  }

  private static String cut(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }

  /**
   * The attachments of a mail: kept (in order, within the limits), and dropped, each with its
   * reason, and the notes the message's text gets for those.
   */
  record Files(List<InboundAttachment> kept, List<String> dropped, String notes) {}

  /** Longest note text for dropped attachments, so the mail's own text keeps most of the room. */
  static final int MAX_NOTES = 1_000;

  /**
   * The mail's attachments: every leaf part that is not the text read ({@code Content-Disposition:
   * attachment}, or any part with a file name). Over a limit ({@code ATTACHMENT_MAX_BYTES} a file,
   * {@link InboundAttachment#MAX_TOTAL_BYTES} together, {@link InboundAttachment#MAX_COUNT}), or a
   * part that cannot be decoded (broken base64, a bad charset): dropped with a reason, never the
   * whole mail.
   */
  Files files(Part message) throws MessagingException, IOException {
    List<Part> parts = new ArrayList<>();
    collect(message, parts, 0);
    List<InboundAttachment> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    StringBuilder notes = new StringBuilder();
    long total = 0;
    for (Part part : parts) {
      String name = fileName(part);
      String reason = null;
      byte[] bytes = null;
      if (kept.size() >= InboundAttachment.MAX_COUNT) {
        reason = "more than " + InboundAttachment.MAX_COUNT + " attachments";
      } else {
        try (InputStream in = part.getInputStream()) {
          bytes = in.readNBytes((int) Math.min(attachmentMaxBytes + 1, Integer.MAX_VALUE - 8));
          if (bytes.length > attachmentMaxBytes) {
            reason = "larger than " + human(attachmentMaxBytes);
          } else if (total + bytes.length > InboundAttachment.MAX_TOTAL_BYTES) {
            reason = "the mail's attachments are over " + human(InboundAttachment.MAX_TOTAL_BYTES);
          }
        } catch (IOException | MessagingException | RuntimeException e) {
          reason = "it could not be decoded (" + clip(e.toString()) + ")";
        }
      }
      if (reason != null) {
        dropped.add("attachment \"" + clip(name) + "\" dropped: " + reason);
        String note = "\n[Attachment \"" + clip(name) + "\" was not kept: " + reason + "]";
        if (notes.length() + note.length() <= MAX_NOTES) {
          notes.append(note);
        }
        continue;
      }
      total += bytes.length;
      kept.add(
          new InboundAttachment(
              name, declaredType(part), Base64.getEncoder().encodeToString(bytes)));
    }
    String text = notes.isEmpty() ? "" : "\n" + notes;
    return new Files(List.copyOf(kept), List.copyOf(dropped), text);
  }

  /** Leaf parts that are attachments, depth first, at most 100 deep in nested multiparts. */
  private static void collect(Part part, List<Part> into, int depth)
      throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      if (depth > 100) {
        throw new MessagingException("multiparts nested more than 100 deep");
      }
      Object content = part.getContent();
      if (!(content instanceof Multipart multipart)) {
        throw new MessagingException("a multipart whose content is not a multipart");
      }
      for (int i = 0; i < multipart.getCount(); i++) {
        collect(multipart.getBodyPart(i), into, depth + 1);
      }
      return;
    }
    if (depth == 0) {
      return; // a single-part mail is its text
    }
    String filename;
    try {
      filename = part.getFileName();
    } catch (MessagingException | RuntimeException e) {
      filename = null; // an unreadable name: judged by its disposition alone
    }
    if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || filename != null) {
      into.add(part);
    }
  }

  /** The part's file name, MIME-decoded; {@code attachment} when it has none. */
  private static String fileName(Part part) {
    try {
      String name = part.getFileName();
      if (name == null || name.isBlank()) {
        return "attachment";
      }
      return stripControls(name.contains("=?") ? MimeUtility.decodeText(name) : name).strip();
    } catch (MessagingException | IOException | RuntimeException e) {
      return "attachment";
    }
  }

  /** The declared type without parameters, lower case; null when it cannot be read. */
  private static String declaredType(Part part) {
    try {
      String type = part.getContentType();
      if (type == null) {
        return null;
      }
      int semicolon = type.indexOf(';');
      String base = (semicolon >= 0 ? type.substring(0, semicolon) : type).strip();
      return base.toLowerCase(Locale.ROOT);
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  /** Bytes for people: {@code 10 MB}, {@code 512 KB}. */
  static String human(long bytes) {
    if (bytes >= 1024 * 1024) {
      return (bytes + 512 * 1024) / (1024 * 1024) + " MB";
    }
    return (bytes + 512) / 1024 + " KB";
  }

  private static String first(MimeMessage m, String header) throws MessagingException {
    String[] values = m.getHeader(header);
    if (values == null || values.length == 0) {
      return null;
    }
    try {
      return MimeUtility.unfold(values[0]);
    } catch (RuntimeException e) {
      return values[0];
    }
  }

  private static String clip(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
