package org.supportinbox.messaging.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** A file's type by its bytes and its name made harmless. */
class AttachmentFilesTest {

  @Test
  void theTypeComesFromTheBytesNotTheName() {
    byte[] png = HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452");
    assertThat(AttachmentFiles.sniff(png)).isEqualTo("image/png");
    assertThat(AttachmentFiles.sniff("%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1)))
        .isEqualTo("application/pdf");
    assertThat(
            AttachmentFiles.sniff(
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("text/html");
    assertThat(AttachmentFiles.sniff("just words".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("text/plain");
    assertThat(AttachmentFiles.sniff(new byte[] {0, 1, 2, 3, (byte) 0xff}))
        .isEqualTo("application/octet-stream");
    assertThat(AttachmentFiles.sniff(new byte[0])).isEqualTo("application/octet-stream");
  }

  @Test
  void namesLoseTheirPathControlAndBidiCharacters() {
    assertThat(AttachmentFiles.filename("../../etc/passwd", "x")).isEqualTo("passwd");
    assertThat(AttachmentFiles.filename("C:\\Users\\eve\\a.pdf", "x")).isEqualTo("a.pdf");
    assertThat(AttachmentFiles.filename("invoice\u202Efdp.exe", "x")).isEqualTo("invoicefdp.exe");
    assertThat(AttachmentFiles.filename("a\r\nContent-Type: x.txt", "x"))
        .isEqualTo("aContent-Type_ x.txt");
    assertThat(AttachmentFiles.filename("..hidden", "x")).isEqualTo("hidden");
    assertThat(AttachmentFiles.filename("  \u0000 ", "attachment-1")).isEqualTo("attachment-1");
    assertThat(AttachmentFiles.filename(null, "attachment-2")).isEqualTo("attachment-2");
    assertThat(AttachmentFiles.filename("a\"b<c>.txt", "x")).isEqualTo("a_b_c_.txt");
    String cut = AttachmentFiles.filename("n".repeat(300) + ".jpeg", "x");
    assertThat(cut).hasSize(AttachmentFiles.MAX_NAME).endsWith("n.jpeg");
    assertThat(AttachmentFiles.filename("Ka\u0308se.txt", "x")).isEqualTo("K\u00e4se.txt");
  }
}
