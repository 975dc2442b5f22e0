package org.supportinbox.contracts.rest;

import org.supportinbox.contracts.Required;

/**
 * One file of a mail, as the mail function sends it to messaging within {@link InboundEmail}.
 * Messaging decides the stored type by the bytes (the declared type is a hint only) and sanitises
 * the file name again, so a hostile caller gains nothing by lying here.
 *
 * @param filename the part's file name as the mail gave it (MIME-decoded); may be null
 * @param contentType the part's declared type without parameters, lower case; may be null
 * @param contentBase64 the bytes, base64 (RFC 4648, no line breaks)
 */
public record InboundAttachment(
    String filename, String contentType, @Required String contentBase64) {

  /** Most attachments kept of one mail (the rest are dropped with a note on the message). */
  public static final int MAX_COUNT = 10;

  /** Most bytes kept of one mail's attachments together, decoded. */
  public static final long MAX_TOTAL_BYTES = 25L * 1024 * 1024;

  /** Most bytes of one attachment, decoded, when {@code ATTACHMENT_MAX_BYTES} is not set. */
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
}
