package org.supportinbox.functions.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.rest.OutboundEmail;

/**
 * The reply's mail as {@link SmtpSender} builds it, written out and parsed again as a mail program
 * would, without a server: plain text without files; {@code multipart/mixed} with them, each file
 * an attachment part with its type, its UTF-8 name and its exact bytes.
 */
class SmtpSenderTest {

  static final SmtpSender SENDER =
      new SmtpSender(
          new MailConfig(
              Map.of(
                  "MAIL_IMAP_HOST", "127.0.0.1",
                  "MAIL_IMAP_USER", "support",
                  "MAIL_IMAP_PASSWORD", "password",
                  "MAIL_SMTP_HOST", "127.0.0.1",
                  "SUPPORT_ADDRESS", "ACME Support <support@support.example>",
                  "MAIL_FUNCTION_SECRET", "0123456789abcdef0123456789abcdef")));

  static OutboundEmail reply() {
    return new OutboundEmail(
        UUID.randomUUID(),
        UUID.randomUUID(),
        true,
        120,
        null,
        "dana@customer.example",
        "Dana",
        "Olga",
        "Re: Invoice [#abcdefabcdef]",
        "Here is your invoice.",
        null,
        List.of(),
        "abcdefabcdef",
        List.of());
  }

  /** The mail as the SMTP server gets it, read back. */
  static MimeMessage roundTrip(MimeMessage mail) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    mail.writeTo(out);
    return new MimeMessage(
        Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
  }

  @Test
  void aReplyWithoutFilesIsPlainText() throws Exception {
    MimeMessage mail = roundTrip(SENDER.build(reply(), "id@support.example"));
    assertThat(mail.getContentType()).startsWith("text/plain");
    assertThat(((String) mail.getContent()).strip()).isEqualTo("Here is your invoice.");
  }

  @Test
  void aReplyWithFilesIsMixedWithOneAttachmentPartEach() throws Exception {
    byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
    MimeMessage mail =
        roundTrip(
            SENDER.build(
                reply(),
                "id@support.example",
                List.of(
                    new SmtpSender.MailFile("Rechnung M\u00e4rz.pdf", "application/pdf", pdf),
                    new SmtpSender.MailFile("chart.png", "image/png", png))));
    assertThat(mail.getContentType()).startsWith("multipart/mixed");
    MimeMultipart parts = (MimeMultipart) mail.getContent();
    assertThat(parts.getCount()).isEqualTo(3);
    assertThat(((String) parts.getBodyPart(0).getContent()).strip())
        .isEqualTo("Here is your invoice.");
    BodyPart invoice = parts.getBodyPart(1);
    assertThat(invoice.getDisposition()).isEqualTo(Part.ATTACHMENT);
    assertThat(invoice.getFileName()).isEqualTo("Rechnung M\u00e4rz.pdf");
    assertThat(String.join(" ", invoice.getHeader("Content-Disposition")))
        .as("RFC 2231, UTF-8")
        .contains("filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf");
    assertThat(invoice.getContentType()).startsWith("application/pdf");
    assertThat(invoice.getInputStream().readAllBytes()).isEqualTo(pdf);
    BodyPart chart = parts.getBodyPart(2);
    assertThat(chart.getFileName()).isEqualTo("chart.png");
    assertThat(chart.getContentType()).startsWith("image/png");
    assertThat(chart.getInputStream().readAllBytes()).isEqualTo(png);
    assertThat(String.join(" ", chart.getHeader("Content-Transfer-Encoding"))).isEqualTo("base64");
  }
}
