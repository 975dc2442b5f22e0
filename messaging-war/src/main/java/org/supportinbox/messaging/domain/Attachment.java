package org.supportinbox.messaging.domain;

import java.util.UUID;

/**
 * A stored file of a message, as metadata (the bytes are read only for a download).
 *
 * @param internal whether the message is an operators' note: its files are never served to the
 *     customer
 */
public record Attachment(
    UUID id,
    UUID messageId,
    UUID conversationId,
    String filename,
    String contentType,
    long size,
    boolean internal) {

  /** A file to store with a new message: already sanitised, typed by its bytes and in limits. */
  public record New(String filename, String contentType, byte[] content) {}

  /**
   * A file uploaded to a conversation and not sent yet (metadata): bound to the message that sends
   * it, keeping its id, or deleted after a while.
   */
  public record Upload(
      UUID id, UUID conversationId, String filename, String contentType, long size) {}
}
