package org.supportinbox.messaging.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.OpenApiDocument;

/** Messaging's {@code GET /openapi} describes every body, error and the bearer scheme. */
class OpenApiIT {

  private static final OpenApiDocument DOC = OpenApiDocument.of(Api.MESSAGING.server().baseUrl());

  @Test
  void theDocumentKeepsTheRules() {
    assertEquals(List.of(), DOC.problems());
    assertEquals("Support Inbox messaging", DOC.json.getJsonObject("info").getString("title"));
  }

  @Test
  void bodiesAreContractsRecordsInSnakeCase() {
    assertEquals("#/components/schemas/NewMessage", DOC.requestBodyRef("post", "/messages"));
    assertEquals("#/components/schemas/InsightReport", DOC.requestBodyRef("post", "/ai-insights"));
    assertEquals(
        "#/components/schemas/SavedReplyDraft", DOC.requestBodyRef("post", "/saved-replies"));
    assertEquals(
        java.util.Set.of(
            "id",
            "title",
            "shortcut",
            "body",
            "created_by",
            "created_at",
            "updated_by",
            "updated_at"),
        DOC.schema("SavedReplyView").getJsonObject("properties").keySet());
    assertTrue(
        DOC.schema("InsightReport")
            .getJsonObject("properties")
            .keySet()
            .containsAll(List.of("message_id", "suggested_reply", "latency_ms")));
  }
}
