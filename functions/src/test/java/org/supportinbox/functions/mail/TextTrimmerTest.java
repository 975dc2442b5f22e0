package org.supportinbox.functions.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What is kept of a reply's text: the customer's words, no quoted history, no signature. */
class TextTrimmerTest {

  @Test
  void gmailAttributionAndQuoteGo() {
    String text =
        "Thanks, that worked!\r\n\r\nOn Mon, 7 Dec 2026 at 10:00, Support <support@x.example>"
            + " wrote:\r\n> It left today.\r\n> \r\n";
    assertThat(TextTrimmer.trim(text)).isEqualTo("Thanks, that worked!");
  }

  @Test
  void anAttributionWrappedOnTwoLinesGoes() {
    String text =
        "Yes please.\n\nOn Mon, 7 Dec 2026 at 10:00, Olga\n<support@x.example> wrote:\n> hi";
    assertThat(TextTrimmer.trim(text)).isEqualTo("Yes please.");
  }

  @Test
  void outlookOriginalGoes() {
    String text =
        "Please cancel.\n\n________________________________\nFrom: Support <s@x>\nSent: Monday\n"
            + "Subject: Re: order\n\nIt left today.";
    assertThat(TextTrimmer.trim(text)).isEqualTo("Please cancel.");
    String headerOnly = "Please cancel.\n\nFrom: Support <s@x>\nSent: Monday\nold text";
    assertThat(TextTrimmer.trim(headerOnly)).isEqualTo("Please cancel.");
  }

  @Test
  void signaturesGo() {
    assertThat(TextTrimmer.trim("Where is it?\n-- \nAnn Smith\nACME Ltd"))
        .isEqualTo("Where is it?");
    assertThat(TextTrimmer.trim("Where is it?\n\nSent from my iPhone")).isEqualTo("Where is it?");
  }

  @Test
  void inlineAnswersStayTheirQuotesGo() {
    String text = "> Which order?\n4711\n> Which colour?\nred";
    assertThat(TextTrimmer.trim(text)).isEqualTo("4711\nred");
  }

  @Test
  void germanAndFrenchAttributionsGo() {
    assertThat(TextTrimmer.trim("Danke!\n\nAm 07.12.2026 um 10:00 schrieb Support <s@x>:\n> x"))
        .isEqualTo("Danke!");
    assertThat(TextTrimmer.trim("Merci\n\nLe lun. 7 déc. 2026, Support <s@x> a écrit :\n> x"))
        .isEqualTo("Merci");
  }

  @Test
  void plainTextIsKeptAsItIs() {
    String text = "Hello,\n\nmy kettle -- the blue one -- leaks.\n\nAnn";
    assertThat(TextTrimmer.trim(text)).isEqualTo(text);
  }
}
