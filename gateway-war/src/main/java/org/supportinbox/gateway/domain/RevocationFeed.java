package org.supportinbox.gateway.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What ended tokens since a watermark (the port; read by {@code JdbcRevocationFeed}): each gateway
 * instance keeps the revocations in memory and asks only for what changed since its last read.
 */
public interface RevocationFeed {

  /** The watermark of a first read: everything. */
  long EVERYTHING = 0;

  /** An operator's state as far as tokens go: disabled, and the generation tokens need. */
  record OperatorState(boolean disabled, long generation) {}

  /**
   * What changed, read in one snapshot of the database.
   *
   * @param revokedJtis logged-out token ids and when they expire
   * @param operators operators written since the watermark (all of them on a first read)
   * @param endedSessions conversations whose customer ended the chat, and when
   * @param watermark what to pass to the next read: the snapshot's oldest running transaction, so
   *     that a transaction that was still running is read next time
   */
  record Changes(
      Map<String, Instant> revokedJtis,
      Map<String, OperatorState> operators,
      Map<UUID, Instant> endedSessions,
      long watermark) {}

  /**
   * Everything written by transactions from {@code watermark} on (rows may come again in later
   * reads: applying one twice does nothing more), less tokens already expired and chats ended
   * before {@code endedAfter} (no token of theirs can still be valid). Throws when the database
   * cannot answer.
   */
  Changes changesSince(long watermark, Instant endedAfter);
}
