package org.supportinbox.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository under test: its root (surefire's {@code inbox.root}) and its text files. */
final class Repo {

  private Repo() {}

  static Path root() {
    String root = System.getProperty("inbox.root");
    if (root == null || root.isBlank()) {
      throw new IllegalStateException(
          "system property inbox.root is not set (the module's surefire configuration sets it)");
    }
    return Path.of(root).toAbsolutePath().normalize();
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  static String read(String relative) {
    try {
      return Files.readString(path(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + relative, e);
    }
  }

  /** Every file under {@code directory} (relative to the root) whose name ends with {@code end}. */
  static List<Path> files(String directory, String end) {
    Path dir = path(directory);
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(directory + " is not a directory of the repository");
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(end)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** {@code file} relative to the root, for messages. */
  static String name(Path file) {
    return root().relativize(file).toString();
  }
}
