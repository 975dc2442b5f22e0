package org.supportinbox.gateway.api.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch messages built once for all sockets that send the same frames. */
class SharedBatchesTest {

  // new String(...): distinct objects, as the hub makes one per event.
  final String created = new String("{\"type\":\"message.created\",\"data\":{\"id\":\"m1\"}}");
  final String updated = new String("{\"type\":\"conversation.updated\",\"data\":{\"id\":\"c1\"}}");
  final String note = new String("{\"type\":\"message.created\",\"data\":{\"id\":\"n1\"}}");

  @Test
  void theSameFramesGiveTheSameMessageBuiltOnce() {
    SharedBatches batches = new SharedBatches(false);
    SharedBatches.Message first = batches.message(List.of(created, updated));
    SharedBatches.Message second = batches.message(new ArrayList<>(List.of(created, updated)));
    assertSame(first, second);
    assertEquals("{\"type\":\"batch\",\"data\":[" + created + "," + updated + "]}", first.text());
    assertNull(first.utf8(), "text messages are not encoded here");
  }

  @Test
  void framesAreComparedByIdentityAndOrder() {
    SharedBatches batches = new SharedBatches(false);
    SharedBatches.Message shared = batches.message(List.of(created, updated));
    assertNotSame(shared, batches.message(List.of(updated, created)), "another order");
    assertNotSame(
        shared,
        batches.message(List.of(new String(created), updated)),
        "equal text, another frame: never handed another socket's message");
    assertNotSame(shared, batches.message(List.of(created, updated, note)), "one frame more");
    assertEquals(
        "{\"type\":\"batch\",\"data\":[" + updated + "," + created + "]}",
        batches.message(List.of(updated, created)).text());
  }

  @Test
  void aFewDifferentQueuesDoNotPushTheCommonMessageOut() {
    SharedBatches batches = new SharedBatches(false);
    SharedBatches.Message operators = batches.message(List.of(created, updated));
    for (int i = 0; i < SharedBatches.RECENT - 1; i++) {
      batches.message(List.of(note, new String(updated))); // a slow socket, a customer
    }
    assertSame(operators, batches.message(List.of(created, updated)));
  }

  @Test
  void aSingleTextFrameIsTheHubsOwnString() {
    SharedBatches batches = new SharedBatches(false);
    assertSame(created, batches.message(List.of(created)).text());
  }

  @Test
  void binaryMessagesAreEncodedOnceForAllSockets() {
    SharedBatches batches = new SharedBatches(true);
    SharedBatches.Message one = batches.message(List.of(created));
    assertSame(one, batches.message(List.of(created)), "a single frame is encoded once too");
    assertArrayEquals(created.getBytes(StandardCharsets.UTF_8), one.utf8());
    SharedBatches.Message two = batches.message(List.of(created, note));
    assertSame(two.utf8(), batches.message(List.of(created, note)).utf8());
    assertEquals(
        "{\"type\":\"batch\",\"data\":[" + created + "," + note + "]}",
        new String(two.utf8(), StandardCharsets.UTF_8));
  }

  @Test
  void nonAsciiTextIsUtf8() {
    String text = new String("{\"type\":\"message.created\",\"data\":{\"content\":\"Grüße 👋\"}}");
    SharedBatches.Message m = new SharedBatches(true).message(List.of(text));
    assertEquals(text, new String(m.utf8(), StandardCharsets.UTF_8));
  }
}
