package org.supportinbox.contracts.rest;

import java.util.UUID;

/**
 * A file attached to a message, as metadata only: the bytes are fetched from the gateway's download
 * routes ({@code GET /attachments/{id}} for operators, {@code GET /customer/attachments/{id}} for
 * the conversation's customer), never carried in views or events.
 *
 * @param filename the sanitised file name (no path, no control characters), for display and the
 *     download's {@code Content-Disposition}
 * @param contentType the type sniffed from the bytes when stored (e.g. {@code image/png}); a
 *     download is served with it only when it is on the safe list, else as {@code
 *     application/octet-stream}
 * @param size the file's size in bytes
 */
public record AttachmentView(UUID id, String filename, String contentType, long size) {}
