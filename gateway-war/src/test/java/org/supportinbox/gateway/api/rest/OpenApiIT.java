package org.supportinbox.gateway.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.GatewayUnderTest;
import org.supportinbox.testing.OpenApiDocument;

/** The gateway's {@code GET /openapi} describes every body, error and the bearer scheme. */
class OpenApiIT {

  private static final OpenApiDocument DOC =
      OpenApiDocument.of(GatewayUnderTest.get().server().baseUrl());

  @Test
  void theDocumentKeepsTheRules() {
    assertEquals(java.util.List.of(), DOC.problems());
    assertEquals("Support Inbox gateway", DOC.json.getJsonObject("info").getString("title"));
  }

  @Test
  void bodiesAreContractsRecordsInSnakeCase() {
    assertEquals("#/components/schemas/OperatorReply", DOC.requestBodyRef("post", "/messages"));
    assertEquals(
        Set.of("conversation_id", "content", "client_message_id", "internal", "attachment_ids"),
        DOC.schema("OperatorReply").getJsonObject("properties").keySet());
    assertEquals(
        "[\"conversation_id\",\"content\"]",
        DOC.schema("OperatorReply").getJsonArray("required").toString());
    assertEquals(
        "#/components/schemas/ConversationStart",
        DOC.requestBodyRef("post", "/customer/conversations"));
    assertFalse(DOC.schema("CustomerMessageView").getJsonObject("properties").containsKey("ai"));
    assertEquals(
        "#/components/schemas/SavedReplyDraft", DOC.requestBodyRef("post", "/saved-replies"));
    assertEquals(
        "[\"title\",\"shortcut\",\"body\"]",
        DOC.schema("SavedReplyDraft").getJsonArray("required").toString());
    assertEquals(
        "#/components/schemas/SavedReplyChange",
        DOC.requestBodyRef("patch", "/saved-replies/{id}"));
    assertTrue(
        DOC.operation("delete", "/saved-replies/{id}")
            .getJsonObject("responses")
            .containsKey("204"));
  }

  @Test
  void loginAndTheConversationStartNeedNoToken() {
    assertTrue(DOC.needsNoToken("post", "/login"));
    assertTrue(DOC.needsNoToken("post", "/customer/conversations"));
    assertFalse(DOC.needsNoToken("get", "/conversations"));
    assertTrue(
        DOC.operation("get", "/conversations").getJsonObject("responses").containsKey("401"));
    assertFalse(
        DOC.operation("post", "/customer/conversations")
            .getJsonObject("responses")
            .containsKey("401"));
  }
}
