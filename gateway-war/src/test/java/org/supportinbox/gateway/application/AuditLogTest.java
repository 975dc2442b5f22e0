package org.supportinbox.gateway.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.supportinbox.gateway.config.GatewayConfig;
import org.supportinbox.gateway.domain.AuditEntry;
import org.supportinbox.gateway.domain.AuditFilter;
import org.supportinbox.gateway.domain.AuditRepository;
import org.supportinbox.platform.InvalidInputException;

/** The retention's cut-off and batches, and the audit page's cursor, without a database. */
class AuditLogTest {

  /** Records what {@link AuditLog} asks of the table; deletes {@code due} entries in batches. */
  private static final class Table implements AuditRepository {
    final List<Instant> cutoffs = new ArrayList<>();
    int due;

    @Override
    public void add(AuditEntry entry) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<AuditEntry> page(AuditFilter filter, Instant afterAt, Long afterId, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int forgetBefore(Instant cutoff, int batch) {
      cutoffs.add(cutoff);
      int deleted = Math.min(due, batch);
      due -= deleted;
      return deleted;
    }
  }

  private static AuditLog withRetention(Duration retention, Table table) {
    AuditLog log = new AuditLog();
    log.entries = table;
    log.config =
        new GatewayConfig() {
          @Override
          public Duration auditRetention() {
            return retention;
          }
        };
    return log;
  }

  @Test
  void theCutoffIsTheRetentionBeforeNow() {
    Instant now = Instant.parse("2027-03-01T12:00:00Z");
    assertEquals(Instant.parse("2026-03-01T12:00:00Z"), AuditLog.cutoff(now, Duration.ofDays(365)));
    // A leap year's February 29th counts as a day like any other: 365 days, not a calendar year.
    assertEquals(
        Instant.parse("2027-03-02T00:00:00Z"),
        AuditLog.cutoff(Instant.parse("2028-03-01T00:00:00Z"), Duration.ofDays(365)));
  }

  @Test
  void forgettingAsksForWhatIsOlderThanTheRetentionNow() {
    Table table = new Table();
    Instant before = Instant.now();
    withRetention(Duration.ofDays(30), table).forgetExpired();
    Instant after = Instant.now();
    assertEquals(1, table.cutoffs.size());
    Instant cutoff = table.cutoffs.get(0);
    assertTrue(
        !cutoff.isBefore(before.minus(Duration.ofDays(30)))
            && !cutoff.isAfter(after.minus(Duration.ofDays(30))),
        cutoff + " is not 30 days before the call");
  }

  @Test
  void aFullBatchSaysThatMoreIsDue() {
    Table table = new Table();
    table.due = AuditLog.RETENTION_BATCH + 7;
    AuditLog log = withRetention(Duration.ofDays(1), table);
    assertEquals(AuditLog.RETENTION_BATCH, log.forgetExpired());
    assertEquals(7, log.forgetExpired());
    assertEquals(0, log.forgetExpired());
  }

  @Test
  void aCursorComesBackAsItWent() {
    AuditCursor cursor = new AuditCursor(Instant.parse("2026-12-06T14:01:02.123456Z"), 42);
    assertEquals(cursor, AuditCursor.decode(cursor.encode()));
    assertTrue(cursor.encode().matches("[A-Za-z0-9_-]+"), cursor.encode());
  }

  @Test
  void aCursorNotMadeHereIsRefusedNamingCursor() {
    for (String bad :
        List.of("x", "!!!", "MTIzNDU2", "MTIzOmFiYw", "MTIzOjA", "OjE", "MTIzOi0x", "")) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> AuditCursor.decode(bad), bad);
      assertEquals("cursor", e.field(), bad);
    }
  }
}
