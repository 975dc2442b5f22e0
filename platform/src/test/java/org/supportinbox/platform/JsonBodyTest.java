package org.supportinbox.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.Sender;

class JsonBodyTest {

  private static final Set<String> FIELDS = Set.of("a", "n", "id", "sender");

  private static InvalidInputException refused(String json) {
    return assertThrows(InvalidInputException.class, () -> JsonBody.parse(json, FIELDS));
  }

  @Test
  void malformedOrNonObjectBodiesAreRefused() {
    for (String bad : new String[] {"", "  ", "{", "{\"a\":}", "[]", "\"x\"", "42", "null"}) {
      assertEquals("malformed_json", refused(bad).code(), bad);
    }
  }

  @Test
  void anythingAfterTheObjectIsRefused() {
    for (String bad : new String[] {"{\"a\":\"x\"}{}", "{\"a\":\"x\"} 1", "{} x", "{}]"}) {
      assertEquals("malformed_json", refused(bad).code(), bad);
    }
    assertEquals("x", JsonBody.parse(" {\"a\":\"x\"}\n\t ", FIELDS).string("a"));
  }

  @Test
  void deepNestingIsMalformedNotAnError() {
    String deep = "{\"a\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}";
    InvalidInputException e = refused(deep);
    assertEquals("malformed_json", e.code());
  }

  @Test
  void stringsWithNulOrALoneSurrogateAreRefusedWhateverTheField() {
    for (String bad : new String[] {"a\\u0000b", "a\\ud800b", "\\udc00", "x\\ud83d"}) {
      JsonBody body = JsonBody.parse("{\"a\":\"" + bad + "\"}", FIELDS);
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> body.string("a"), bad);
      assertEquals("invalid_field", e.code());
      assertEquals("a", e.field());
    }
    assertEquals(
        "😀 \u200b", JsonBody.parse("{\"a\":\"\\ud83d\\ude00 \\u200b\"}", FIELDS).string("a"));
  }

  @Test
  void unknownFieldsAreRefusedByName() {
    InvalidInputException e = refused("{\"a\":\"x\",\"extra\":1}");
    assertEquals("unknown_field", e.code());
    assertEquals("extra", e.field());
  }

  @Test
  void typesAreStrict() {
    JsonBody body = JsonBody.parse("{\"a\":1,\"n\":\"1\",\"id\":\"not-a-uuid\"}", FIELDS);
    assertEquals("a", assertThrows(InvalidInputException.class, () -> body.string("a")).field());
    assertEquals(
        "n", assertThrows(InvalidInputException.class, () -> body.integer("n", 0, 9)).field());
    assertEquals("id", assertThrows(InvalidInputException.class, () -> body.uuid("id")).field());
  }

  @Test
  void numbersMustBeWholeAndInRange() {
    assertThrows(
        InvalidInputException.class,
        () -> JsonBody.parse("{\"n\":1.5}", FIELDS).integer("n", 0, 9));
    assertThrows(
        InvalidInputException.class, () -> JsonBody.parse("{\"n\":10}", FIELDS).integer("n", 0, 9));
    assertThrows(
        InvalidInputException.class,
        () -> JsonBody.parse("{\"n\":1e40}", FIELDS).integer("n", 0, 9));
    assertEquals(7L, JsonBody.parse("{\"n\":7}", FIELDS).integer("n", 0, 9));
  }

  @Test
  void decimalNumbersAreFiniteNumbersOnly() {
    assertEquals(0.25, JsonBody.parse("{\"n\":0.25}", FIELDS).number("n"));
    assertEquals(1.0, JsonBody.parse("{\"n\":1}", FIELDS).number("n"));
    assertNull(JsonBody.parse("{\"n\":null}", FIELDS).number("n"));
    assertEquals(
        "n",
        assertThrows(
                InvalidInputException.class,
                () -> JsonBody.parse("{\"n\":1e400}", FIELDS).number("n"))
            .field());
    assertEquals(
        "n",
        assertThrows(
                InvalidInputException.class,
                () -> JsonBody.parse("{\"n\":\"0.5\"}", FIELDS).number("n"))
            .field());
  }

  @Test
  void nullAndAbsentReadAsNullButRequiredFieldsSayMissing() {
    JsonBody body = JsonBody.parse("{\"a\":null}", FIELDS);
    assertNull(body.string("a"));
    assertNull(body.string("n"));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> body.requiredString("a"));
    assertEquals("missing_field", e.code());
  }

  @Test
  void enumsTakeExactlyTheWireForm() {
    assertEquals(
        Sender.OPERATOR,
        JsonBody.parse("{\"sender\":\"operator\"}", FIELDS).requiredEnum("sender", Sender.class));
    assertThrows(
        InvalidInputException.class,
        () ->
            JsonBody.parse("{\"sender\":\"OPERATOR\"}", FIELDS)
                .requiredEnum("sender", Sender.class));
  }

  @Test
  void uuidsMustBeCanonical() {
    UUID id = UUID.randomUUID();
    assertEquals(id, JsonBody.uuid("id", id.toString()));
    // UUID.fromString accepts these; a strict API does not.
    assertThrows(InvalidInputException.class, () -> JsonBody.uuid("id", "1-2-3-4-5"));
    assertThrows(InvalidInputException.class, () -> JsonBody.uuid("id", id + " "));
  }

  @Test
  void arraysOfStringsOnlyAndEachElementStorable() {
    assertEquals(
        java.util.List.of("x", "y"), JsonBody.parse("{\"a\":[\"x\",\"y\"]}", FIELDS).strings("a"));
    assertEquals(java.util.List.of(), JsonBody.parse("{\"a\":[]}", FIELDS).strings("a"));
    assertNull(JsonBody.parse("{\"a\":null}", FIELDS).strings("a"));
    for (String bad :
        new String[] {"\"x\"", "[1]", "[null]", "[[\"x\"]]", "{}", "[\"a\\u0000\"]"}) {
      JsonBody body = JsonBody.parse("{\"a\":" + bad + "}", FIELDS);
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> body.strings("a"), bad);
      assertEquals("a", e.field(), bad);
    }
  }

  /** A request record with a list of records, as contracts' PassageSetDraft and InsightReport. */
  record Item(@org.supportinbox.contracts.Required String text, double score, int ordinal) {}

  record WithItems(String name, java.util.List<Item> items) {}

  @Test
  void aListOfRecordsIsReadElementByElement() {
    WithItems read =
        JsonBody.parse(
                "{\"name\":\"n\",\"items\":[{\"text\":\"a\",\"score\":0.5,\"ordinal\":0},"
                    + "{\"text\":\"b\"}]}",
                WithItems.class)
            .as(WithItems.class);
    assertEquals(java.util.List.of(new Item("a", 0.5, 0), new Item("b", 0.0, 0)), read.items());
    assertNull(JsonBody.parse("{\"name\":\"n\"}", WithItems.class).as(WithItems.class).items());
  }

  @Test
  void anErrorInAnElementNamesTheListAndTheElement() {
    for (String[] bad :
        new String[][] {
          {"{\"items\":{}}", "items must be an array of objects"},
          {"{\"items\":[\"a\"]}", "items[0] must be an object"},
          {"{\"items\":[{\"text\":\"a\"},{\"score\":1}]}", "items[1].text is required"},
          {"{\"items\":[{\"text\":1}]}", "items[0].text must be a string"},
          {"{\"items\":[{\"text\":\"a\",\"score\":\"x\"}]}", "items[0].score must be a number"},
          {"{\"items\":[{\"text\":\"a\",\"evil\":1}]}", "items[0] has the unknown field 'evil'"}
        }) {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () -> JsonBody.parse(bad[0], WithItems.class).as(WithItems.class),
              bad[0]);
      assertEquals("items", e.field(), bad[0]);
      org.junit.jupiter.api.Assertions.assertTrue(
          e.getMessage().startsWith(bad[1]), bad[0] + ": " + e.getMessage());
    }
  }
}
