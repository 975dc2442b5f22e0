package org.supportinbox.deployment;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code kubectl kustomize}, which renders a Kustomize directory offline: no cluster, no network,
 * no configuration of kubectl's own is read.
 */
final class KustomizeCli {

  static final String COMMAND = "kubectl";

  private KustomizeCli() {}

  /**
   * Skips the calling test when kubectl is missing on a developer machine (mvn run without it),
   * saying so; in CI ({@code CI} set) it must be there, and its absence fails the test. The same
   * rule as docker-compose's and shellcheck's ({@link ComposeCli}). kubectl is not a Debian
   * package, so ./inbox test cannot install it as it installs those.
   */
  static void requireInstalled() {
    if (installed()) {
      return;
    }
    if (System.getenv("CI") == null) {
      Assumptions.abort(
          COMMAND
              + " is not installed, so deployment/kubernetes/ is not rendered nor checked here"
              + " (install kubectl 1.27 or newer: https://kubernetes.io/docs/tasks/tools/)");
    }
    fail(COMMAND + " is not installed, but CI is set: the Kubernetes manifests must be checked");
  }

  static boolean installed() {
    try {
      Process p =
          new ProcessBuilder(COMMAND, "version", "--client").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false; // not on the PATH
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code kubectl kustomize <directory>}'s output; a failure to render fails the test. */
  static String render(Path directory) {
    List<String> command = List.of(COMMAND, "kustomize", directory.toString());
    ProcessBuilder builder = new ProcessBuilder(command).directory(Repo.root().toFile());
    // kubectl must not read a kubeconfig of the caller's: rendering needs none.
    builder.environment().put("KUBECONFIG", "/dev/null");
    builder.redirectError(ProcessBuilder.Redirect.PIPE);
    try {
      Process p = builder.start();
      // stderr is small (an error message); read stdout first, then stderr.
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(String.join(" ", command) + " did not finish within 120 s");
      }
      if (p.exitValue() != 0) {
        fail(String.join(" ", command) + " failed (" + p.exitValue() + "):\n" + errors);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + COMMAND, e);
    }
  }
}
