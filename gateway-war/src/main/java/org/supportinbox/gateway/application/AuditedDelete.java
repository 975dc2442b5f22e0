package org.supportinbox.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.supportinbox.auth.Caller;
import org.supportinbox.platform.WireJson;

/**
 * A deletion that messaging carries out and the gateway's audit log records: the item is read
 * first, so that the entry names what was deleted while it still could be read, and the entry is
 * written only once messaging answered {@code 204}. If the item changed between that read and the
 * deletion, the entry has it as it was before; its id (the subject) is what identifies it.
 */
@ApplicationScoped
public class AuditedDelete {

  @Inject AuditLog audit;

  /**
   * {@code read}, then {@code delete}; on {@code 204} an entry {@code action} by {@code admin} with
   * subject {@code id} and detail {@code describe} of the item read (a {@code view} record).
   * Messaging's refusal of either call is answered as it is.
   */
  public <V> Messaging.Answer delete(
      Caller admin,
      String action,
      UUID id,
      Supplier<Messaging.Answer> read,
      Class<V> view,
      Function<V, String> describe,
      Supplier<Messaging.Answer> delete) {
    Messaging.Answer found = read.get();
    if (!found.ok()) {
      return found;
    }
    V item = WireJson.JSONB.fromJson(found.body(), view);
    Messaging.Answer deleted = delete.get();
    if (deleted.status() == 204) {
      audit.recordDone(
          Instant.now().truncatedTo(ChronoUnit.MICROS),
          admin.subject(),
          action,
          id.toString(),
          null,
          describe.apply(item));
    }
    return deleted;
  }
}
