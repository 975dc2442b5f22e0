package org.supportinbox.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** An upload's name: percent-encoded UTF-8 in a header, refused when missing or malformed. */
class UploadsTest {

  @Test
  void aNameIsDecodedFromPercentEncodedUtf8() {
    assertEquals("K\u00e4se 1.png", Uploads.filename("K%C3%A4se%201.png"));
    assertEquals("a(1).pdf", Uploads.filename("a(1).pdf"));
  }

  @Test
  void aMissingOrMalformedNameIsRefusedNamingTheHeader() {
    for (String bad : new String[] {null, "", " ", "a b.png", "%zz", "%C3", "a\r\nX: y"}) {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class, () -> Uploads.filename(bad), String.valueOf(bad));
      assertEquals("X-Filename", e.field());
    }
    assertEquals(
        "missing_field",
        assertThrows(InvalidInputException.class, () -> Uploads.filename(null)).code());
  }
}
