package org.supportinbox.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No product class builds a wire body by hand: every body that crosses a service boundary (REST
 * requests and answers, events, socket frames) is one of contracts' records, written by the wire's
 * JSON-B (the WARs) or Jackson (the functions). A source scan, so that it also catches JSON pasted
 * into a string: JSON-P builders, Jackson's tree nodes, and string literals holding JSON.
 */
class WireBodiesTest {

  /** The product code that talks to other services. */
  private static final List<String> PRODUCT =
      List.of(
          "gateway-war/src/main/java",
          "messaging-war/src/main/java",
          "functions/src/main/java",
          "platform/src/main/java",
          "auth/src/main/java",
          "contracts/src/main/java");

  private static final Map<String, Pattern> HAND_BUILT =
      Map.of(
          "a JSON-P builder",
          Pattern.compile("\\bcreate(Object|Array)Builder\\s*\\(|\\bJsonGenerator\\b"),
          "a Jackson tree node",
          Pattern.compile("\\b(ObjectNode|ArrayNode)\\b|createObjectNode\\s*\\("),
          "JSON in a string literal",
          Pattern.compile("\"[^\"\\n]*(\\{\\\\\"|\\\\\":)[^\"\\n]*\""));

  /**
   * Files allowed one kind, each with its reason. SharedBatches splices frames that are JSON
   * already into one {@code batch} message, built once for every socket with the same frames:
   * re-encoding each frame for each socket would cost the fan-out, the hottest path, for nothing.
   * KbCommand passes each line of the user's import file on as it is, less its {@code id}, so that
   * messaging (not the importer, which would drop what a record does not know) judges every field
   * and names the wrong one.
   */
  private static final Map<String, String> ALLOWED =
      Map.of(
          "gateway-war/src/main/java/org/supportinbox/gateway/api/websocket/SharedBatches.java",
          "JSON in a string literal",
          "functions/src/main/java/org/supportinbox/functions/kb/KbCommand.java",
          "a Jackson tree node");

  @Test
  void noProductClassBuildsAWireBodyByHand() {
    List<String> found = new ArrayList<>();
    for (String root : PRODUCT) {
      for (Path file : Repo.files(root, ".java")) {
        String name = Repo.name(file);
        List<String> lines = Repo.read(file).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          if (line.strip().startsWith("*") || line.strip().startsWith("//")) {
            continue; // comments may show JSON
          }
          for (Map.Entry<String, Pattern> rule : HAND_BUILT.entrySet()) {
            Matcher m = rule.getValue().matcher(line);
            if (m.find() && !rule.getKey().equals(ALLOWED.get(name))) {
              found.add(name + ":" + (i + 1) + ": " + rule.getKey() + ": " + line.strip());
            }
          }
        }
      }
    }
    assertThat(found).as("hand-built wire JSON in product code").isEmpty();
  }

  /** The scan would find what it is meant to find (a rule that matches nothing proves nothing). */
  @Test
  void theRulesMatchHandBuiltJson() {
    assertThat(HAND_BUILT.get("a JSON-P builder").matcher("WireJson.JSON.createObjectBuilder()"))
        .matches(Matcher::find);
    assertThat(HAND_BUILT.get("a Jackson tree node").matcher("ObjectNode n = mapper.x();"))
        .matches(Matcher::find);
    assertThat(
            HAND_BUILT
                .get("JSON in a string literal")
                .matcher("String s = \"{\\\"sender\\\":\\\"customer\\\"}\";"))
        .matches(Matcher::find);
    assertThat(HAND_BUILT.get("JSON in a string literal").matcher("String s = \"a plain text\";"))
        .matches(m -> !m.find());
  }
}
