package org.supportinbox.functions.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.rest.InboundEmail;

/** How a mail of the support mailbox is judged, from its raw bytes. */
class InboundMailTest {

  private static final Session SESSION = Session.getInstance(props());

  private static Properties props() {
    Properties p = new Properties();
    p.put("mail.mime.multipart.ignoremissingboundaryparameter", "false");
    return p;
  }

  private final InboundMail judge;

  InboundMailTest() throws Exception {
    judge = new InboundMail(new InternetAddress("support@acme.example"), 1_000_000, 1_000);
  }

  private static MimeMessage raw(String text) throws Exception {
    return new MimeMessage(
        SESSION,
        new ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
  }

  private InboundMail.Verdict judge(String text) throws Exception {
    return judge.judge(raw(text));
  }

  private InboundEmail accepted(String text) throws Exception {
    InboundMail.Verdict v = judge(text);
    assertThat(v).isInstanceOf(InboundMail.Verdict.Accepted.class);
    return ((InboundMail.Verdict.Accepted) v).mail();
  }

  @Test
  void aPlainMailIsReadWithItsThreadingHeaders() throws Exception {
    InboundEmail mail =
        accepted(
            """
            From: "Ann Smith" <ann@customer.example>
            To: support+abcdefghij12@acme.example
            Subject: Re: AW: Kettle leaks
            Message-ID: <m2@customer.example>
            In-Reply-To: <r1@acme.example>
            References: <m1@customer.example>
             <r1@acme.example>
            Content-Type: text/plain; charset=UTF-8

            It still leaks.

            On Mon, 7 Dec 2026, Support <support@acme.example> wrote:
            > Try this.
            """);
    assertThat(mail.messageId()).isEqualTo("m2@customer.example");
    assertThat(mail.inReplyTo()).containsExactly("r1@acme.example");
    assertThat(mail.references()).containsExactly("m1@customer.example", "r1@acme.example");
    assertThat(mail.token()).isEqualTo("abcdefghij12");
    assertThat(mail.fromAddress()).isEqualTo("ann@customer.example");
    assertThat(mail.fromName()).isEqualTo("Ann Smith");
    assertThat(mail.subject()).isEqualTo("Kettle leaks");
    assertThat(mail.content()).isEqualTo("It still leaks.");
  }

  @Test
  void htmlIsMadePlainAndItsQuoteDropped() throws Exception {
    InboundEmail mail =
        accepted(
            """
            From: bob@customer.example
            Subject: Order [#zzzzzzzzzzzz]
            Message-ID: <h1@customer.example>
            Content-Type: text/html; charset=UTF-8

            <html><head><style>p{}</style><script>alert(1)</script></head><body>
            <p>Hello <b>team</b>,</p><p>order <img src=x onerror=alert(1)>4711</p>
            <div class="gmail_quote">On Mon wrote:<blockquote>old</blockquote></div></body></html>
            """);
    assertThat(mail.content()).isEqualTo("Hello team,\norder 4711");
    assertThat(mail.token()).isEqualTo("zzzzzzzzzzzz");
    assertThat(mail.subject()).isEqualTo("Order");
    assertThat(mail.fromName()).isNull();
  }

  @Test
  void alternativePrefersThePlainPartAndAttachmentsAreNotRead() throws Exception {
    InboundEmail mail =
        accepted(
            """
            From: c@customer.example
            Subject: x
            Message-ID: <a1@customer.example>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: multipart/alternative; boundary="inner"

            --inner
            Content-Type: text/plain; charset=UTF-8

            plain words
            --inner
            Content-Type: text/html; charset=UTF-8

            <p>html words</p>
            --inner--
            --outer
            Content-Type: text/plain
            Content-Disposition: attachment; filename="notes.txt"

            attached words
            --outer--
            """);
    assertThat(mail.content()).isEqualTo("plain words");
  }

  @Test
  void autoRepliesBouncesAndOurOwnMailAreSkipped() throws Exception {
    String body = "\nContent-Type: text/plain\n\nI am out of office.\n";
    assertThat(judge("From: a@c.example\nAuto-Submitted: auto-replied\nMessage-ID: <o1@c>" + body))
        .isInstanceOf(InboundMail.Verdict.Skipped.class);
    assertThat(judge("From: a@c.example\nPrecedence: bulk\nMessage-ID: <o2@c>" + body))
        .isInstanceOf(InboundMail.Verdict.Skipped.class);
    assertThat(judge("Return-Path: <>\nFrom: a@c.example\nMessage-ID: <o3@c>" + body))
        .isInstanceOf(InboundMail.Verdict.Skipped.class);
    assertThat(judge("From: MAILER-DAEMON@c.example\nMessage-ID: <o4@c>" + body))
        .isInstanceOf(InboundMail.Verdict.Skipped.class);
    assertThat(judge("From: support+abc@acme.example\nMessage-ID: <o5@c>" + body))
        .isInstanceOf(InboundMail.Verdict.Skipped.class);
    assertThat(judge("From: a@c.example\nAuto-Submitted: no\nMessage-ID: <o6@c>" + body))
        .isInstanceOf(InboundMail.Verdict.Accepted.class);
  }

  @Test
  void brokenMimeIsRefusedWithTheReason() throws Exception {
    InboundMail.Verdict v =
        judge(
            """
            From: d@customer.example
            Message-ID: <b1@customer.example>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="nowhere"

            no boundary line at all
            """);
    assertThat(v).isInstanceOf(InboundMail.Verdict.Refused.class);
    assertThat(((InboundMail.Verdict.Refused) v).reason()).startsWith("malformed MIME");
  }

  @Test
  void aMailWithoutMessageIdGetsOneFromItsBytes() throws Exception {
    String text = "From: e@customer.example\nSubject: hi\nContent-Type: text/plain\n\nhello\n";
    String id = accepted(text).messageId();
    assertThat(id).matches("sha256-[0-9a-f]{64}@no-message-id.invalid");
    assertThat(accepted(text).messageId()).isEqualTo(id);
  }

  @Test
  void aLongTextIsCut() throws Exception {
    InboundEmail mail =
        accepted(
            "From: f@customer.example\nMessage-ID: <l1@c>\nContent-Type: text/plain\n\n"
                + "x".repeat(20_000)
                + "\n");
    assertThat(mail.content().codePointCount(0, mail.content().length()))
        .isEqualTo(InboundMail.MAX_TEXT);
  }

  @Test
  void attachmentsAreKeptAndThoseOverTheLimitOrBrokenAreNotedInTheText() throws Exception {
    String small = java.util.Base64.getEncoder().encodeToString("hello".getBytes());
    String big = java.util.Base64.getMimeEncoder().encodeToString(new byte[1_001]);
    InboundMail.Verdict v =
        judge(
            """
            From: ann@customer.example
            To: support@acme.example
            Subject: Files
            Message-ID: <f1@customer.example>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain; charset=UTF-8

            See the files.
            --b
            Content-Type: Text/Plain; charset=UTF-8
            Content-Disposition: attachment; filename="=?UTF-8?Q?n=C3=B6tes.txt?="
            Content-Transfer-Encoding: base64

            %s
            --b
            Content-Type: application/pdf
            Content-Disposition: attachment; filename="big.pdf"
            Content-Transfer-Encoding: base64

            %s
            --b
            Content-Type: application/pdf
            Content-Disposition: attachment; filename="broken.pdf"
            Content-Transfer-Encoding: base64

            QUJDRA
            R
            --b--
            """
                .formatted(small, big));
    assertThat(v).isInstanceOf(InboundMail.Verdict.Accepted.class);
    InboundMail.Verdict.Accepted a = (InboundMail.Verdict.Accepted) v;
    assertThat(a.mail().attachments()).hasSize(1);
    assertThat(a.mail().attachments().get(0).filename()).isEqualTo("n\u00f6tes.txt");
    assertThat(a.mail().attachments().get(0).contentType()).isEqualTo("text/plain");
    assertThat(a.mail().attachments().get(0).contentBase64()).isEqualTo(small);
    assertThat(a.mail().content())
        .startsWith("See the files.")
        .contains("[Attachment \"big.pdf\" was not kept: larger than 1 KB]")
        .contains("[Attachment \"broken.pdf\" was not kept: it could not be decoded");
    assertThat(a.dropped()).hasSize(2);
  }

  @Test
  void aMailWithoutAttachmentsHasNone() throws Exception {
    InboundEmail mail =
        accepted(
            """
            From: ann@customer.example
            To: support@acme.example
            Subject: Hi
            Message-ID: <f2@customer.example>
            Content-Type: text/plain; charset=UTF-8

            Just text.
            """);
    assertThat(mail.attachments()).isEmpty();
    assertThat(mail.content()).isEqualTo("Just text.");
  }
}
