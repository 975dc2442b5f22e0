package org.supportinbox.functions.analyze.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ParseCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void acceptedOutputIsOneNormalisedJsonLine() {
    int status =
        run(
            "Sure! Here is the JSON:\n```json\n{'Urgency': 'URGENT', 'intent': 'Shipping',"
                + " 'suggested reply': 'It ships today.', 'summary': ' Where is my order? ',"
                + " 'extra': 1,}\n```\n");
    assertEquals(0, status);
    assertEquals(
        "{\"intent\":\"order_status\",\"summary\":\"Where is my order?\","
            + "\"suggested_reply\":\"It ships today.\",\"sentiment\":\"neutral\","
            + "\"urgency\":\"high\"}\n",
        stdout());
    assertEquals("", stderr());
  }

  @Test
  void jsonLineEscapesQuotesNewlinesKeepsUnicodeAndDropsMarkup() {
    int status =
        run(
            "{\"intent\": \"refund\", \"summary\": \"Sie sagt \\\"nie wieder\\\" 😠\","
                + " \"suggested_reply\": \"Hallo,\\nwir erstatten <b>alles</b>.\","
                + " \"sentiment\": \"negative\", \"urgency\": \"low\"}");
    assertEquals(0, status);
    assertEquals(
        "{\"intent\":\"refund\",\"summary\":\"Sie sagt \\\"nie wieder\\\" 😠\","
            + "\"suggested_reply\":\"Hallo,\\nwir erstatten alles.\","
            + "\"sentiment\":\"negative\",\"urgency\":\"low\"}\n",
        stdout());
  }

  @Test
  void rejectedOutputPrintsTheReasonOnStderr() {
    assertEquals(1, run("- **Intent:** billing\n- **Summary:** charged twice\n"));
    assertEquals("", stdout());
    assertEquals("rejected: no JSON object in the output\n", stderr());
  }

  @Test
  void missingFieldIsNamed() {
    assertEquals(1, run("{\"intent\": \"billing\", \"suggested_reply\": \"ok\"}"));
    assertEquals("rejected: summary is missing\n", stderr());
  }

  @Test
  void emptyStdinIsRejected() {
    assertEquals(1, run(""));
    assertEquals("rejected: the output is empty\n", stderr());
  }

  @Test
  void malformedUtf8IsReplacedNotFatal() {
    byte[] prefix = "{\"intent\":\"other\",\"summary\":\"a".getBytes(StandardCharsets.UTF_8);
    byte[] suffix = "b\",\"suggested_reply\":\"c\"}".getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[prefix.length + 1 + suffix.length];
    System.arraycopy(prefix, 0, input, 0, prefix.length);
    input[prefix.length] = (byte) 0xC3; // a lead byte without its continuation
    System.arraycopy(suffix, 0, input, prefix.length + 1, suffix.length);
    assertEquals(0, ParseCommand.run(new ByteArrayInputStream(input), print(out), print(err)));
    assertEquals(
        "{\"intent\":\"other\",\"summary\":\"a\uFFFDb\",\"suggested_reply\":\"c\","
            + "\"sentiment\":\"neutral\",\"urgency\":\"normal\"}\n",
        stdout());
  }

  @Test
  void unreadableStdinIsStatusTwo() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("stream closed");
          }
        };
    assertEquals(2, ParseCommand.run(broken, print(out), print(err)));
    assertEquals("", stdout());
    assertEquals("error: cannot read stdin: stream closed\n", stderr());
  }

  private int run(String stdin) {
    return ParseCommand.run(
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), print(out), print(err));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
