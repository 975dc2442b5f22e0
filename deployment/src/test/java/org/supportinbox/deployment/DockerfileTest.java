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
 * runtime stage, a non-root user, a health check, and an entry point that runs {@code
 * payara-config/start-service} (copied into the image) on the files the image holds, so that {@code
 * ./inbox up}, the tests and the images start the services identically.
 */
class DockerfileTest {

  /** Where the images hold payara-config/start-service, the one definition of a service's start. */
  static final String START_SERVICE = "/opt/inbox/payara-config/start-service";

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
    assertThat(entrypoint(runtime).get(0)).isEqualTo(START_SERVICE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"messaging-war/Dockerfile", "gateway-war/Dockerfile"})
  void payaraStartsThroughTheStartScript(String path) {
    Dockerfile runtime = Dockerfile.of(path).finalStage();
    List<String> entrypoint = entrypoint(runtime);
    assertThat(entrypoint.subList(0, 2)).containsExactly(START_SERVICE, "payara");
    Map<String, String> options = options(entrypoint.subList(2, entrypoint.size()));
    assertThat(options).containsOnlyKeys("--port", "--war", "--runtime");
    assertThat(options.get("--port")).isEqualTo(exposed(runtime));
    String module = MODULE_OF.get(path);
    assertThat(options.get("--war"))
        .isEqualTo(
            copiedTo(runtime, "/src/" + module + "/target/" + module.replace("-war", ".war")));
    for (String jar : List.of("payara-micro.jar", "postgresql.jar")) {
      assertThat(options.get("--runtime") + "/" + jar)
          .as(path + ": --runtime holds " + jar)
          .isEqualTo(copiedTo(runtime, "/src/" + module + "/target/runtime/" + jar));
    }
  }

  @Test
  void theImagesHoldTheStartScriptAndEveryPayaraConfigFile() {
    for (String path :
        List.of("messaging-war/Dockerfile", "gateway-war/Dockerfile", "functions/Dockerfile")) {
      Dockerfile runtime = Dockerfile.of(path).finalStage();
      assertThat(copiedTo(runtime, "payara-config/start-service"))
          .as(path)
          .isEqualTo(START_SERVICE);
      if (!path.startsWith("functions/")) {
        for (Path asadmin : Repo.files("payara-config", ".asadmin")) {
          // start-service finds them beside itself.
          assertThat(copiedTo(runtime, "payara-config/" + asadmin.getFileName()))
              .as(path)
              .isEqualTo("/opt/inbox/payara-config/" + asadmin.getFileName());
        }
      }
    }
  }

  @Test
  void aFunctionStartsThroughTheStartScript() {
    Dockerfile runtime = Dockerfile.of("functions/Dockerfile").finalStage();
    List<String> entrypoint = entrypoint(runtime);
    assertThat(entrypoint.subList(0, 2)).containsExactly(START_SERVICE, "ai-function");
    Map<String, String> options = options(entrypoint.subList(2, entrypoint.size()));
    // No --port and no --main: FUNCTION_HTTP_PORT (ENV, compose) and the analyze function.
    assertThat(options).containsOnlyKeys("--jar", "--lib");
    assertThat(options.get("--jar"))
        .isEqualTo(copiedTo(runtime, "/src/functions/target/functions.jar"));
    assertThat(options.get("--lib")).isEqualTo(copiedTo(runtime, "/src/functions/target/lib/"));
    assertThat(runtime.last("ENV")).contains("FUNCTION_HTTP_PORT=" + exposed(runtime));
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

  /** The exec-form ENTRYPOINT's strings: no shell between Docker and the script. */
  private static List<String> entrypoint(Dockerfile runtime) {
    String entrypoint = runtime.last("ENTRYPOINT").strip();
    assertThat(entrypoint).as(runtime.path() + ": exec form").startsWith("[\"").endsWith("\"]");
    List<String> strings = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(entrypoint);
    while (m.find()) {
      strings.add(m.group(1));
    }
    return strings;
  }

  /** {@code --option value} pairs, in order; every option has a value. */
  private static Map<String, String> options(List<String> arguments) {
    assertThat(arguments.size() % 2).as("options and values: " + arguments).isZero();
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < arguments.size(); i += 2) {
      assertThat(arguments.get(i)).startsWith("--");
      options.put(arguments.get(i), arguments.get(i + 1));
    }
    return options;
  }

  /**
   * Where a COPY of the final stage puts {@code source} (a build-context path or a path of the
   * build stage), as an absolute path of the image: into a directory destination under its own
   * name, a directory's content into the destination itself (without the trailing slash).
   */
  private static String copiedTo(Dockerfile runtime, String source) {
    String workdir = runtime.last("WORKDIR").strip();
    for (Dockerfile.Instruction copy : runtime.all("COPY")) {
      List<String> parts =
          List.of(copy.arguments().strip().split("\\s+")).stream()
              .filter(p -> !p.startsWith("--"))
              .toList();
      String destination = parts.get(parts.size() - 1);
      if (!parts.subList(0, parts.size() - 1).contains(source)) {
        continue;
      }
      String target = destination.startsWith("/") ? destination : workdir + "/" + destination;
      target = target.replace("/./", "/");
      if (source.endsWith("/")) {
        return target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
      }
      if (target.endsWith("/")) {
        return target + source.substring(source.lastIndexOf('/') + 1);
      }
      return target;
    }
    throw new AssertionError(runtime.path() + " copies no " + source);
  }
}
