package org.supportinbox.messaging.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.messaging.domain.InvalidValueException;

class CursorTest {

  @Test
  void roundTripsAtMicrosecondPrecision() {
    Cursor cursor = new Cursor(Instant.parse("2026-11-25T16:59:10.289974Z"), UUID.randomUUID());
    assertEquals(cursor, Cursor.decode(cursor.encode()));
  }

  @Test
  void garbageIsA400NamingCursor() {
    for (String bad : new String[] {"x", "!!!", "MTIz", "YWJjOmRlZg"}) {
      assertEquals(
          "cursor", assertThrows(InvalidValueException.class, () -> Cursor.decode(bad)).field());
    }
  }
}
