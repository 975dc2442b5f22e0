package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supportinbox.functions.kb.KbCommand;

/**
 * {@code ./inbox kb import} and {@code export} ({@link KbCommand}, what the script runs) against
 * the running stack's gateway, logged in as its operator: a file with good, bad and hostile lines
 * gives one result per line with its number and exit 1, the good lines stored, the bad ones not;
 * the same file again doubles nothing that has an id and publishes nothing for it; export and
 * import again changes nothing at all; a refused login is exit 2 before anything is sent.
 */
class KbImportIT {

  private static HostileStack stack;

  @TempDir Path dir;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
  }

  record Run(int exit, List<String> out, String err) {}

  private static Run kb(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        KbCommand.run(
            args,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    return new Run(
        exit,
        text.isEmpty() ? List.of() : List.of(text.split("\n")),
        err.toString(StandardCharsets.UTF_8));
  }

  private static Map<String, String> operator() {
    return Map.of(
        "INBOX_URL",
        stack.gateway.baseUrl(),
        "INBOX_USER",
        HostileStack.OPERATOR,
        "INBOX_PASSWORD",
        HostileStack.OPERATOR_PASSWORD);
  }

  private static String line(String id, String title, String body) {
    var o = Json.createObjectBuilder();
    if (id != null) {
      o.add("id", id);
    }
    return o.add("title", title)
        .add("body", body)
        .add("tags", Json.createArrayBuilder().add("Import"))
        .add("language", "de")
        .build()
        .toString();
  }

  private static String version(String id) {
    return stack
        .api(stack.operatorToken())
        .get("/kb/articles/" + id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("version");
  }

  @Test
  void aFileOfGoodBadAndHostileLinesIsReportedLineByLineAndImportedTwiceDoublesNothing()
      throws IOException {
    String first = UUID.randomUUID().toString();
    String script = UUID.randomUUID().toString();
    String marker = UUID.randomUUID().toString().substring(0, 8);
    List<String> lines = new ArrayList<>();
    lines.add(line(first, "Rückerstattung " + marker, "Innerhalb von 30 Tagen."));
    lines.add(line(null, "No id " + marker, "A new article each time."));
    lines.add("");
    lines.add("{\"title\": \"cut off");
    lines.add(line(null, "t".repeat(201), "too long a title"));
    lines.add("{\"title\":\"t\",\"body\":\"b\",\"author\":\"CEO\"}");
    lines.add("{\"id\":\"../../operators\",\"title\":\"t\",\"body\":\"b\"}");
    lines.add(line(script, "<script>alert(1)</script> " + marker, "<img src=x onerror=alert(1)>"));
    lines.add(line(null, "Huge " + marker, "x".repeat(50_001)));
    lines.add("[1, 2]");
    lines.add(line(null, "two", "values") + " {}");
    Path file = dir.resolve("articles.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    long rows = count("kb_articles");

    Run run = kb(operator(), "import", file.toString());

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).hasSize(10); // the blank line 3 is skipped
    assertThat(run.out().get(0)).startsWith("line 1: created " + first);
    assertThat(run.out().get(1)).startsWith("line 2: created ");
    assertThat(run.out().get(2)).startsWith("line 4: error: not valid JSON");
    assertThat(run.out().get(3))
        .isEqualTo("line 5: error: 400 title: title must be at most 200 characters");
    assertThat(run.out().get(4)).startsWith("line 6: error: 400 author: unknown field 'author'");
    assertThat(run.out().get(5)).startsWith("line 7: error: id must be a UUID");
    assertThat(run.out().get(6)).startsWith("line 8: created " + script);
    assertThat(run.out().get(7))
        .isEqualTo("line 9: error: 400 body: body must be at most 50000 characters");
    assertThat(run.out().get(8)).isEqualTo("line 10: error: not a JSON object");
    assertThat(run.out().get(9)).startsWith("line 11: error: not valid JSON");
    assertThat(run.err()).contains("3 created, 0 replaced or unchanged, 7 failed");
    assertThat(count("kb_articles")).isEqualTo(rows + 3);
    Map<String, Object> stored =
        stack
            .api(stack.operatorToken())
            .get("/kb/articles/" + script)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("$");
    assertThat(stored.get("title")).isEqualTo("<script>alert(1)</script> " + marker);
    assertThat(stored.get("body")).isEqualTo("<img src=x onerror=alert(1)>");
    assertThat(stored.get("tags")).isEqualTo(List.of("import"));
    assertThat(stored.get("language")).isEqualTo("de");

    long outbox = count("outbox");
    Run again = kb(operator(), "import", file.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.out().get(0)).startsWith("line 1: replaced " + first).endsWith("(version 1)");
    assertThat(again.out().get(6)).startsWith("line 8: replaced " + script).endsWith("(version 1)");
    assertThat(version(first)).isEqualTo("1");
    // Only the line without an id is a new article (and event) again.
    assertThat(count("kb_articles")).isEqualTo(rows + 4);
    assertThat(count("outbox")).isEqualTo(outbox + 1);
  }

  @Test
  void exportThenImportChangesNothing() throws IOException {
    String id = UUID.randomUUID().toString();
    Path seed = dir.resolve("seed.jsonl");
    Files.writeString(
        seed, line(id, "Exported\ttitle? no: one line", "Line one\nLine \"two\"\n\n😀") + "\n");
    assertThat(kb(operator(), "import", seed.toString()).exit()).isZero();

    Run export = kb(operator(), "export");
    assertThat(export.exit()).as(export.err()).isZero();
    assertThat(export.out()).anyMatch(l -> l.startsWith("{\"id\":\"" + id + "\""));
    assertThat(export.err()).contains(export.out().size() + " articles exported");
    Path file = dir.resolve("export.jsonl");
    Files.writeString(file, String.join("\n", export.out()) + "\n", StandardCharsets.UTF_8);

    Map<String, Long> before = stack.rowCounts();
    Run again = kb(operator(), "import", file.toString());
    assertThat(again.exit()).as(String.join("\n", again.out())).isZero();
    assertThat(again.out()).allMatch(l -> l.contains(": replaced "));
    assertThat(stack.rowCounts()).as("no article, no event").isEqualTo(before);
    assertThat(version(id)).isEqualTo("1");
  }

  @Test
  void aRefusedLoginOrAMissingSettingSendsNothing() throws IOException {
    Path file = dir.resolve("one.jsonl");
    Files.writeString(file, line(null, "Never", "sent") + "\n");
    long articles = count("kb_articles");
    Run wrong =
        kb(
            Map.of(
                "INBOX_URL",
                stack.gateway.baseUrl(),
                "INBOX_USER",
                HostileStack.OPERATOR,
                "INBOX_PASSWORD",
                "not-the-password-at-all"),
            "import",
            file.toString());
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err()).contains("login as oscar was refused: 401");
    assertThat(wrong.out()).isEmpty();
    Run customer =
        kb(
            Map.of(
                "INBOX_URL",
                stack.gateway.baseUrl(),
                "INBOX_TOKEN",
                stack.startConversation("Sly Sam", "hi").getString("customer_token")),
            "import",
            file.toString());
    assertThat(customer.exit()).isEqualTo(1);
    assertThat(customer.out()).hasSize(1);
    assertThat(customer.out().get(0)).startsWith("line 1: error: 403");
    assertThat(kb(Map.of("INBOX_URL", stack.gateway.baseUrl()), "export").exit()).isEqualTo(2);
    assertThat(kb(operator(), "import").exit()).isEqualTo(2);
    assertThat(kb(operator(), "import", dir.resolve("missing.jsonl").toString()).exit())
        .isEqualTo(2);
    // A missing file is said before any login is tried, also with no gateway at all.
    Run missing =
        kb(
            Map.of("INBOX_URL", "http://127.0.0.1:9", "INBOX_TOKEN", "x"),
            "import",
            dir.resolve("missing.jsonl").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("no file");
    assertThat(count("kb_articles")).isEqualTo(articles);
  }

  private static String key(String table) {
    return stack.rowCounts().keySet().stream()
        .filter(k -> k.endsWith("." + table))
        .findFirst()
        .orElseThrow();
  }

  private static long count(String table) {
    return stack.rowCounts().get(key(table));
  }
}
