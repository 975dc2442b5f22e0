package org.supportinbox.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three Dockerfiles, read as text (no engine here builds them): a Maven build stage and a slim
 * runtime stage, a non-root user, a health check, and the launcher's own command line, so that
 * {@code ./inbox up} and the images start the services identically.
 */
class DockerfileTest {

  private static final Map<String, String> MODULE_OF =
      Map.of(
          "messaging-war/Dockerfile", "messaging-war",
          "gateway-war/Dockerfile", "gateway-war",
          "functions/Dockerfile", "functions");

  @ParameterizedTest
  @ValueSource(
      strings = {"messaging-war/Dockerfile", "gateway-war/Dockerfile", "functions/Dockerfile"})
  void buildsWithMavenAndRunsOnASlimJre(String path) {
    Dockerfile file = Dockerfile.of(path);
    List<Dockerfile.Instruction> from = file.all("FROM");
    assertThat(from).hasSize(2);
    assertThat(from.get(0).arguments()).isEqualTo("maven:3.9-eclipse-temurin-17 AS build");
    assertThat(from.get(1).arguments()).isEqualTo("eclipse-temurin:17-jre");
    String build =
        file.all("RUN").stream()
            .map(Dockerfile.Instruction::arguments)
            .filter(r -> r.contains("mvn "))
            .findFirst()
            .orElseThrow(() -> new AssertionError(path + " runs no mvn"));
    assertThat(build)
        .contains("-DskipTests", "-Dspotless.check.skip=true")
        .contains("-pl " + MODULE_OF.get(path) + " -am package")
        .doesNotContain(" install");
    Dockerfile runtime = file.finalStage();
    assertThat(runtime.all("COPY"))
        .as("the runtime stage takes only what runs")
        .allSatisfy(c -> assertThat(c.arguments()).doesNotContain("/src/ ", " . "));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"messaging-war/Dockerfile", "gateway-war/Dockerfile", "functions/Dockerfile"})
  void runsAsAnUnprivilegedUserWithAHealthCheck(String path) {
    Dockerfile runtime = Dockerfile.of(path).finalStage();
    String user = runtime.last("USER");
    assertThat(user.split(":")[0]).isNotIn("root", "0");
    assertThat(runtime.last("HEALTHCHECK")).contains("CMD curl -fsS").contains(exposed(runtime));
    assertThat(runtime.last("ENTRYPOINT")).startsWith("[\"sh\", \"-c\", \"exec java $JAVA_OPTS ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"messaging-war/Dockerfile", "gateway-war/Dockerfile"})
  void payaraStartsAsTheLauncherStartsIt(String path) {
    Dockerfile runtime = Dockerfile.of(path).finalStage();
    List<String> image = tokens(runtime.last("ENTRYPOINT"));
    List<String> launcher = tokens(launcherCommand("start_service()", "--deploy"));
    assertThat(options(image)).as(path + " vs inbox").isEqualTo(options(launcher));
    Map<String, String> imageArgs = arguments(image);
    Map<String, String> launcherArgs = arguments(launcher);
    for (String option :
        List.of("-jar", "--addLibs", "--prebootcommandfile", "--postbootcommandfile")) {
      assertThat(baseName(imageArgs.get(option)))
          .as(path + " " + option)
          .isEqualTo(baseName(launcherArgs.get(option)));
    }
    String module = MODULE_OF.get(path);
    assertThat(baseName(imageArgs.get("--deploy")))
        .isEqualTo(module.substring(0, module.indexOf('-')) + ".war");
    assertThat(imageArgs.get("--port")).isEqualTo(exposed(runtime));
  }

  @Test
  void theImagesApplyEveryPayaraConfigFile() {
    for (String path : List.of("messaging-war/Dockerfile", "gateway-war/Dockerfile")) {
      String copies =
          String.join(
              " ",
              Dockerfile.of(path).finalStage().all("COPY").stream()
                  .map(Dockerfile.Instruction::arguments)
                  .toList());
      for (Path asadmin : Repo.files("payara-config", ".asadmin")) {
        assertThat(copies).as(path).contains("payara-config/" + asadmin.getFileName());
      }
    }
  }

  @Test
  void aFunctionStartsAsTheLauncherStartsIt() {
    Dockerfile runtime = Dockerfile.of("functions/Dockerfile").finalStage();
    String launcher = launcherCommand("start_function()", "AnalyzeMain");
    Matcher main = Pattern.compile("(org\\.supportinbox\\.[\\w.]+Main)").matcher(launcher);
    assertThat(main.find()).isTrue();
    String entrypoint = runtime.last("ENTRYPOINT");
    assertThat(entrypoint)
        .contains("-cp '/opt/inbox/functions.jar:/opt/inbox/lib/*' " + main.group(1));
    assertThat(runtime.all("COPY").stream().map(Dockerfile.Instruction::arguments))
        .anySatisfy(c -> assertThat(c).contains("/src/functions/target/functions.jar"))
        .anySatisfy(c -> assertThat(c).contains("/src/functions/target/lib/"));
  }

  @Test
  void theBuildContextLeavesOutBuildOutputAndSecrets() {
    List<String> ignored =
        Repo.read(".dockerignore")
            .lines()
            .map(String::strip)
            .filter(l -> !l.startsWith("#"))
            .toList();
    assertThat(ignored).contains(".git", "**/target", ".inbox", ".env");
  }

  /** The EXPOSEd port of a final stage (one each). */
  private static String exposed(Dockerfile runtime) {
    return runtime.last("EXPOSE").strip();
  }

  /**
   * The launcher's java command line in function {@code function}, up to the line with {@code end}.
   */
  private static String launcherCommand(String function, String end) {
    String inbox = Repo.read("inbox");
    int start = inbox.indexOf("\n" + function);
    assertThat(start).as("inbox has " + function).isPositive();
    int java = inbox.indexOf(" java ", start);
    int stop = inbox.indexOf('\n', inbox.indexOf(end, java));
    return inbox.substring(java, stop).replace("\\\n", " ");
  }

  private static List<String> tokens(String commandLine) {
    String line = commandLine;
    if (line.startsWith("[")) { // exec form of sh -c: the command is the third string
      line = line.substring(line.lastIndexOf("\"exec "), line.lastIndexOf('"'));
    }
    List<String> tokens = new ArrayList<>();
    for (String token : line.strip().split("\\s+")) {
      tokens.add(token.replace("\"", ""));
    }
    return tokens;
  }

  private static List<String> options(List<String> tokens) {
    return tokens.stream().filter(t -> t.startsWith("--")).toList();
  }

  private static Map<String, String> arguments(List<String> tokens) {
    Map<String, String> arguments = new LinkedHashMap<>();
    for (int i = 0; i + 1 < tokens.size(); i++) {
      if (tokens.get(i).startsWith("-") && !tokens.get(i + 1).startsWith("-")) {
        arguments.put(tokens.get(i), tokens.get(i + 1));
      }
    }
    return arguments;
  }

  private static String baseName(String path) {
    assertThat(path).isNotNull();
    return path.substring(path.lastIndexOf('/') + 1).replace(")", "");
  }
}
