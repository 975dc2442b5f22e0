package org.supportinbox.functions.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.supportinbox.contracts.rest.OutboundEmail;

/**
 * Sends a reply's mail over SMTP ({@code MAIL_SMTP_*}): from the support address under the
 * operator's name, to the customer, threaded ({@code In-Reply-To}, {@code References}, the token in
 * the subject and in the reply address {@code support+TOKEN@…}), with the {@code Message-ID} the
 * caller fixed, so that a mail sent again is recognisably the same mail. A reply with files is
 * {@code multipart/mixed}: its text, then the files.
 */
class SmtpSender {

  /** A fault that may pass: the server is unreachable, busy (4xx), or refuses our login. */
  static final class TransientException extends Exception {
    TransientException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The server will never take this mail (5xx for the recipient, an unusable address). */
  static final class PermanentException extends Exception {
    PermanentException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A file of the reply, mailed as a part of its own ({@code Content-Disposition: attachment}). */
  record MailFile(String filename, String contentType, byte[] content) {}

  /** Most ids kept in {@code References}: the first and the latest, as RFC 5322 suggests. */
  static final int MAX_REFERENCES = 20;

  private final MailConfig config;
  private final Session session;

  SmtpSender(MailConfig config) {
    this.config = config;
    Properties p = new Properties();
    String prefix = "ssl".equals(config.smtpTls) ? "mail.smtps." : "mail.smtp.";
    p.put("mail.transport.protocol", "ssl".equals(config.smtpTls) ? "smtps" : "smtp");
    p.put(prefix + "host", config.smtpHost);
    p.put(prefix + "port", Integer.toString(config.smtpPort));
    long ms = config.timeout.toMillis();
    p.put(prefix + "connectiontimeout", Long.toString(ms));
    p.put(prefix + "timeout", Long.toString(ms));
    p.put(prefix + "writetimeout", Long.toString(ms));
    p.put(prefix + "from", config.supportAddress.getAddress());
    if ("starttls".equals(config.smtpTls)) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    if ("ssl".equals(config.smtpTls) || "starttls".equals(config.smtpTls)) {
      p.put(prefix + "ssl.checkserveridentity", "true");
    }
    if (config.smtpUser != null) {
      p.put(prefix + "auth", "true");
    }
    session = Session.getInstance(p);
  }

  /** The mail's {@code Message-ID}, without brackets: the reply's id at the support domain. */
  static String messageId(java.util.UUID replyId, String domain) {
    return replyId + "@" + domain;
  }

  MimeMessage build(OutboundEmail out, String messageId) throws PermanentException {
    return build(out, messageId, List.of());
  }

  /**
   * The reply's mail; with {@code files}, {@code multipart/mixed}: the text first, then each file
   * as an attachment part (base64, its name RFC 2231-encoded when it is not ASCII).
   */
  MimeMessage build(OutboundEmail out, String messageId, List<MailFile> files)
      throws PermanentException {
    try {
      MimeMessage mail =
          new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
              setHeader("Message-ID", "<" + messageId + ">");
            }
          };
      InternetAddress support = config.supportAddress;
      String personal =
          support.getPersonal() == null || support.getPersonal().isBlank()
              ? out.fromName()
              : out.fromName() + " (" + support.getPersonal() + ")";
      mail.setFrom(new InternetAddress(support.getAddress(), personal, "UTF-8"));
      String a = support.getAddress();
      int at = a.indexOf('@');
      mail.setReplyTo(
          new InternetAddress[] {
            new InternetAddress(
                a.substring(0, at) + "+" + out.token() + a.substring(at),
                support.getPersonal(),
                "UTF-8")
          });
      InternetAddress to = new InternetAddress(out.toAddress(), true);
      if (out.toName() != null) {
        to.setPersonal(out.toName(), "UTF-8");
      }
      mail.setRecipient(Message.RecipientType.TO, to);
      mail.setSubject(out.subject(), "UTF-8");
      if (out.inReplyTo() != null) {
        mail.setHeader("In-Reply-To", "<" + out.inReplyTo() + ">");
      }
      List<String> refs = out.references();
      if (refs != null && !refs.isEmpty()) {
        List<String> kept =
            refs.size() <= MAX_REFERENCES
                ? refs
                : java.util.stream.Stream.concat(
                        refs.stream().limit(1),
                        refs.stream().skip(refs.size() - (MAX_REFERENCES - 1)))
                    .toList();
        mail.setHeader(
            "References", String.join(" ", kept.stream().map(id -> "<" + id + ">").toList()));
      }
      if (files.isEmpty()) {
        mail.setText(out.content(), "UTF-8");
      } else {
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(out.content(), "UTF-8");
        mixed.addBodyPart(text);
        for (MailFile f : files) {
          mixed.addBodyPart(filePart(f));
        }
        mail.setContent(mixed);
      }
      mail.setSentDate(new Date());
      mail.saveChanges();
      return mail;
    } catch (AddressException e) {
      throw new PermanentException("the customer's address cannot be used: " + e.getMessage(), e);
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new PermanentException("the mail cannot be made: " + e, e);
    }
  }

  /**
   * A file as an attachment part. The name goes into {@code Content-Disposition}'s {@code filename}
   * and {@code Content-Type}'s {@code name} as UTF-8 explicitly (RFC 2231 when it is not ASCII):
   * {@code setFileName} would use the JVM's default charset, which is ASCII in a plain container,
   * and turn "März" into "M?rz".
   */
  private static MimeBodyPart filePart(MailFile f) throws MessagingException {
    ContentType type = new ContentType(f.contentType());
    ParameterList typeParameters = new ParameterList();
    typeParameters.set("name", f.filename(), "UTF-8");
    type.setParameterList(typeParameters);
    ContentDisposition disposition = new ContentDisposition(Part.ATTACHMENT);
    ParameterList dispositionParameters = new ParameterList();
    dispositionParameters.set("filename", f.filename(), "UTF-8");
    disposition.setParameterList(dispositionParameters);
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(f.content(), type.toString())));
    part.setHeader("Content-Type", type.toString());
    part.setHeader("Content-Disposition", disposition.toString());
    part.setHeader("Content-Transfer-Encoding", "base64");
    return part;
  }

  void send(MimeMessage mail) throws TransientException, PermanentException {
    try {
      if (config.smtpUser != null) {
        Transport.send(mail, config.smtpUser, config.smtpPassword);
      } else {
        Transport.send(mail);
      }
    } catch (AuthenticationFailedException e) {
      throw new TransientException(
          "SMTP login refused (MAIL_SMTP_USER/PASSWORD): " + e.getMessage(), e);
    } catch (SMTPAddressFailedException e) {
      fail(e.getReturnCode(), "the server refused the recipient: " + e.getMessage(), e);
    } catch (SMTPSendFailedException e) {
      fail(e.getReturnCode(), "the server refused the mail: " + e.getMessage(), e);
    } catch (SendFailedException e) {
      if (e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0) {
        Exception next = e.getNextException();
        if (next instanceof SMTPAddressFailedException f) {
          fail(f.getReturnCode(), "the server refused the recipient: " + f.getMessage(), e);
        }
        throw new PermanentException("invalid recipient: " + e.getMessage(), e);
      }
      throw new TransientException("SMTP send failed: " + e, e);
    } catch (MessagingException e) {
      throw new TransientException(
          "SMTP server " + config.smtpHost + ":" + config.smtpPort + " unavailable: " + e, e);
    }
  }

  /** 5xx: the server will never take it; anything else may pass. Always throws. */
  private static void fail(int code, String message, Exception cause)
      throws TransientException, PermanentException {
    if (code >= 500) {
      throw new PermanentException(message, cause);
    }
    throw new TransientException(message, cause);
  }
}
