package org.supportinbox.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * payara-config/start-service, the one place that knows how a service starts: the command line it
 * builds (run with a stand-in for java that prints what it gets), the main class it names, and that
 * no launcher, script, image or test harness spells a service's command line out itself.
 */
class StartServiceTest {

  private static final String SCRIPT = ServiceReads.START_SCRIPT;

  /** Payara Micro's options that only the start script may write. */
  private static final List<String> PAYARA_OPTIONS =
      List.of(
          "--nohazelcast",
          "--disablephonehome",
          "--addLibs",
          "--prebootcommandfile",
          "--postbootcommandfile");

  @TempDir Path dir;

  @Test
  void theScriptIsExecutable() {
    // ./inbox, the ITs and the images' exec-form ENTRYPOINT run it directly.
    assertThat(Files.isExecutable(Repo.path(SCRIPT))).as(SCRIPT + " has its x bit").isTrue();
  }

  @Test
  void payaraStartsWithItsOptionsInOrderAndThePayaraConfigFiles() throws Exception {
    Path runtime = Files.createDirectories(dir.resolve("runtime"));
    Path war = touch(dir.resolve("messaging.war"));
    touch(runtime.resolve("payara-micro.jar"));
    touch(runtime.resolve("postgresql.jar"));
    Path config = Repo.path("payara-config");
    List<String> got =
        run(
            Map.of("JAVA_OPTS", "-Xmx64m -Dinbox.x=1"),
            "payara",
            "--port",
            "8001",
            "--war",
            war.toString(),
            "--runtime",
            runtime.toString());
    assertThat(got)
        .containsExactly(
            "-Xmx64m",
            "-Dinbox.x=1",
            "-jar",
            runtime.resolve("payara-micro.jar").toString(),
            "--nohazelcast",
            "--disablephonehome",
            "--port",
            "8001",
            "--addLibs",
            runtime.resolve("postgresql.jar").toString(),
            "--prebootcommandfile",
            config.resolve("pre-boot-commands.asadmin").toString(),
            "--postbootcommandfile",
            config.resolve("post-boot-commands.asadmin").toString(),
            "--deploy",
            war.toString(),
            "JWT_SECRET=the operators' key",
            "FUNCTION_HTTP_PORT=unset");
  }

  @Test
  void postgresHostNamesOneServerOrAPrimaryAndItsStandbysEachWithItsPort() throws Exception {
    Path runtime = Files.createDirectories(dir.resolve("runtime"));
    Path war = touch(dir.resolve("messaging.war"));
    touch(runtime.resolve("payara-micro.jar"));
    touch(runtime.resolve("postgresql.jar"));
    String[] payara = {"payara", "--port", "8001", "--war", "" + war, "--runtime", "" + runtime};
    // The pool's serverName:portNumber (post-boot-commands.asadmin) is the driver's host list:
    // every host:port but the last port, ':' escaped for asadmin, and the last port; a host
    // without a port gets POSTGRES_PORT.
    List<String> several =
        run(Map.of("POSTGRES_HOST", "10.0.0.1:5433, db-2", "POSTGRES_PORT", "5434"), payara);
    assertThat(several)
        .contains("POSTGRES_HOST=10.0.0.1\\:5433,db-2", "POSTGRES_PORT=5434")
        .startsWith("-Xmx512m", "-jar");
    List<String> three = run(Map.of("POSTGRES_HOST", "a:1,b,c:3", "POSTGRES_PORT", "5432"), payara);
    assertThat(three).contains("POSTGRES_HOST=a\\:1,b\\:5432,c", "POSTGRES_PORT=3");
    // One host is passed as it is.
    List<String> one = run(Map.of("POSTGRES_HOST", "db", "POSTGRES_PORT", "5432"), payara);
    assertThat(one).contains("POSTGRES_HOST=db", "POSTGRES_PORT=5432");
  }

  @Test
  void aFunctionGetsItsPortAndNeverTheJwtSecret() throws Exception {
    Path jar = touch(dir.resolve("functions.jar"));
    Path lib = Files.createDirectories(dir.resolve("lib"));
    List<String> got =
        run(Map.of(), "ai-function", "--port", "8011", "--jar", jar.toString(), "--lib", "" + lib);
    assertThat(got)
        .containsExactly(
            "-Xmx128m",
            cdsOption(got),
            "-cp",
            jar + ":" + lib + "/*",
            analyzeMain(),
            "JWT_SECRET=unset",
            "FUNCTION_HTTP_PORT=8011");
  }

  @Test
  void theAnalyzeMainClassItNamesIsInTheFunctionsSources() {
    String main = analyzeMain();
    String source = "functions/src/main/java/" + main.replace('.', '/') + ".java";
    assertThat(Files.isRegularFile(Repo.path(source)))
        .as(SCRIPT + " names " + main + ", but there is no " + source)
        .isTrue();
    assertThat(Repo.read(source)).containsPattern("public static void main\\(String");
  }

  @Test
  void nothingElseSpellsOutAServiceCommandLine() throws IOException {
    String main = analyzeMain();
    List<String> words = new ArrayList<>(PAYARA_OPTIONS);
    words.add(main.substring(main.lastIndexOf('.') + 1));
    List<String> found = new ArrayList<>();
    for (Path file : starters()) {
      String text = Repo.read(file);
      for (String word : words) {
        if (text.contains(word)) {
          found.add(Repo.name(file) + ": " + word);
        }
      }
    }
    assertThat(found).as("only " + SCRIPT + " knows how a service starts").isEmpty();
  }

  /**
   * What starts services: every shell script and Dockerfile of the repository (but the start
   * script), compose.yaml, and the Java of test-support and chaos.
   */
  private static List<Path> starters() throws IOException {
    Set<String> skipped = Set.of(".git", "target", "node_modules", ".inbox");
    List<Path> starters = new ArrayList<>();
    Files.walkFileTree(
        Repo.root(),
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            return skipped.contains(String.valueOf(dir.getFileName()))
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            String name = file.getFileName().toString();
            if (!Repo.name(file).equals(SCRIPT)
                && (name.endsWith(".sh")
                    || name.equals("Dockerfile")
                    || (Files.isExecutable(file)
                        && firstLine(file).matches("#!.*[/ ](ba|da)?sh( .*)?")))) {
              starters.add(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // gone meanwhile (another build): nothing to read
          }
        });
    starters.add(Repo.path("compose.yaml"));
    starters.addAll(Repo.files("test-support/src/main/java", ".java"));
    starters.addAll(Repo.files("chaos/src/main/java", ".java"));
    assertThat(starters).as("the launcher is among them").contains(Repo.path("inbox"));
    return starters;
  }

  private static String firstLine(Path file) {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
      return lines.findFirst().orElse("");
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  @Test
  void aFunctionFirstRecordsItsClassesForAClassDataSharingArchiveUnlessSharingIsOff()
      throws Exception {
    Path jar = touch(dir.resolve("functions.jar"));
    Path lib = Files.createDirectories(dir.resolve("lib"));
    String cds = "/tmp/support-inbox-cds-" + Files.getAttribute(dir, "unix:uid");
    List<String> got = run(Map.of(), "ai-function", "--jar", "" + jar, "--lib", "" + lib);
    assertThat(cdsOption(got))
        .matches(
            Pattern.quote("-XX:DumpLoadedClassList=" + cds + "/AnalyzeMain-")
                + "[0-9a-f]{16}\\.classlist");
    List<String> off =
        run(
            Map.of("JAVA_OPTS", "-Xmx64m -Xshare:off"),
            "ai-function",
            "--jar",
            "" + jar,
            "--lib",
            "" + lib);
    assertThat(off).noneMatch(a -> a.startsWith("-XX:DumpLoadedClassList"));
    assertThat(off).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
  }

  /** The class-data sharing option start-service gave a function (there is always one here). */
  private static String cdsOption(List<String> arguments) {
    return arguments.stream()
        .filter(
            a -> a.startsWith("-XX:DumpLoadedClassList=") || a.startsWith("-XX:SharedArchiveFile="))
        .findFirst()
        .orElse("no class-data sharing option");
  }

  /** The class start-service runs for {@code ai-function} when no --main is given. */
  private static String analyzeMain() {
    Matcher m =
        Pattern.compile("(?m)^analyze_main=([\\w.]+)$")
            .matcher(Repo.read(ServiceReads.START_SCRIPT));
    assertThat(m.find()).as(SCRIPT + " sets analyze_main").isTrue();
    return m.group(1);
  }

  /**
   * Runs the script with {@code --java} a stand-in that prints each argument on a line, then
   * whether JWT_SECRET (set to "the operators' key" for the script) and FUNCTION_HTTP_PORT reach
   * the service, and POSTGRES_HOST and POSTGRES_PORT as the service gets them when they are set.
   */
  private List<String> run(Map<String, String> env, String... arguments) throws Exception {
    Path java = dir.resolve("java");
    Files.writeString(
        java,
        """
        #!/bin/sh
        for a in "$@"; do printf '%s\\n' "$a"; done
        printf 'JWT_SECRET=%s\\n' "${JWT_SECRET-unset}"
        printf 'FUNCTION_HTTP_PORT=%s\\n' "${FUNCTION_HTTP_PORT-unset}"
        [ -z "${POSTGRES_HOST+x}" ] || printf 'POSTGRES_HOST=%s\\n' "$POSTGRES_HOST"
        [ -z "${POSTGRES_PORT+x}" ] || printf 'POSTGRES_PORT=%s\\n' "$POSTGRES_PORT"
        """);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    List<String> command = new ArrayList<>(List.of(Repo.path(SCRIPT).toString()));
    command.addAll(List.of(arguments));
    command.addAll(List.of("--java", java.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().put("JWT_SECRET", "the operators' key");
    builder.environment().putAll(env);
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output.lines().toList();
  }

  private static Path touch(Path file) throws IOException {
    return Files.writeString(file, "");
  }
}
