package org.supportinbox.deployment;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code docker-compose} (1.29), which validates and interpolates a compose file without a
 * Docker engine. Its environment is exactly what a test gives it: neither the caller's variables
 * nor a {@code .env} next to compose.yaml leak in.
 */
final class ComposeCli {

  static final String COMMAND = "docker-compose";

  record Result(int exitCode, String output) {}

  private ComposeCli() {}

  /**
   * Skips the calling test when docker-compose is missing on a developer machine (mvn run without
   * ./inbox test); in CI ({@code CI} set) it must be there, since ./inbox test installs it.
   */
  static void requireInstalled() {
    if (installed()) {
      return;
    }
    if (System.getenv("CI") == null) {
      Assumptions.abort(
          COMMAND
              + " is not installed, so compose.yaml is not validated here (./inbox test installs"
              + " it; on Debian: apt-get install docker-compose)");
    }
    fail(COMMAND + " is not installed, but CI is set: ./inbox test should have installed it");
  }

  static boolean installed() {
    try {
      Process p = new ProcessBuilder(COMMAND, "version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false; // not on the PATH
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code docker-compose --env-file <empty> -f compose.yaml <args>} with only {@code env}. */
  static Result run(Map<String, String> env, Path emptyEnvFile, String... args) {
    List<String> command = new ArrayList<>();
    command.add(COMMAND);
    command.add("--env-file");
    command.add(emptyEnvFile.toString());
    command.add("-f");
    command.add(Repo.path(ComposeFile.FILE).toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(Repo.root().toFile()).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    environment.put("HOME", System.getProperty("java.io.tmpdir"));
    environment.putAll(env);
    try {
      if (!Files.exists(emptyEnvFile)) {
        Files.writeString(emptyEnvFile, "", StandardCharsets.UTF_8);
      }
      Process p = builder.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(String.join(" ", command) + " did not finish within 120 s");
      }
      return new Result(p.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + COMMAND, e);
    }
  }
}
