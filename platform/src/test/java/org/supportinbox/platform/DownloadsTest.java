package org.supportinbox.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How a stored file is served: a download, a safe type, names encoded twice. */
class DownloadsTest {

  @Test
  void onlySafeTypesAreServedAsThemselves() {
    assertEquals("image/png", Downloads.servedType("image/png"));
    assertEquals("application/pdf", Downloads.servedType("application/pdf"));
    assertEquals("application/octet-stream", Downloads.servedType("text/html"));
    assertEquals("application/octet-stream", Downloads.servedType("image/svg+xml"));
    assertEquals("application/octet-stream", Downloads.servedType("application/xhtml+xml"));
    assertEquals("application/octet-stream", Downloads.servedType("text/javascript"));
    assertEquals("application/octet-stream", Downloads.servedType(null));
  }

  @Test
  void theNameIsQuotedSafelyAndGivenInUtf8() {
    assertEquals(
        "attachment; filename=\"a_b.pdf\"; filename*=UTF-8''a%22b.pdf",
        Downloads.disposition("a\"b.pdf"));
    assertEquals(
        "attachment; filename=\"K_se 1.txt\"; filename*=UTF-8''K%C3%A4se%201.txt",
        Downloads.disposition("K\u00e4se 1.txt"));
  }
}
