package org.supportinbox.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void rasterImagesAreInlineAndEverythingElseADownload() {
    assertTrue(Downloads.inline("image/png"));
    assertTrue(Downloads.inline("image/webp"));
    assertFalse(Downloads.inline("image/svg+xml"));
    assertFalse(Downloads.inline("application/pdf"));
    assertFalse(Downloads.inline("text/html"));
    assertEquals(
        "inline; filename=\"a.png\"; filename*=UTF-8''a.png",
        Downloads.dispositionFor("image/png", "a.png"));
    assertEquals(
        "attachment; filename=\"a.svg\"; filename*=UTF-8''a.svg",
        Downloads.dispositionFor("image/svg+xml", "a.svg"));
    assertEquals(
        "attachment; filename=\"a.pdf\"; filename*=UTF-8''a.pdf",
        Downloads.dispositionFor("application/pdf", "a.pdf"));
  }

  @Test
  void aRelayedInlineIsKeptForRasterImagesOnly() {
    String inline = "inline; filename=\"a.png\"";
    assertEquals(inline, Downloads.relayedDisposition("image/png", inline));
    assertEquals(
        "attachment",
        Downloads.relayedDisposition("application/pdf", "inline; filename=\"a.pdf\""));
    assertEquals(
        "attachment", Downloads.relayedDisposition("image/svg+xml", "inline; filename=\"a.svg\""));
    assertEquals(
        "attachment", Downloads.relayedDisposition("image/png", "inline; filename=\"\u00e4\""));
  }
}
