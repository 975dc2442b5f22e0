package org.supportinbox.functions.analyze;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The hand-written model outputs under {@code model-outputs/}; the format is in its README. */
final class ModelOutputCorpus {

  private static final String SEPARATOR = "\n---\n";

  /** One file: its name, its {@code key: value} header lines and the output after {@code ---}. */
  record Case(String name, Map<String, String> header, String output) {
    @Override
    public String toString() {
      return name;
    }
  }

  private ModelOutputCorpus() {}

  static List<Case> load(String kind) {
    URL dir = ModelOutputCorpus.class.getResource("/model-outputs/" + kind);
    if (dir == null) {
      throw new IllegalStateException("no test resource model-outputs/" + kind);
    }
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      List<Case> cases =
          files
              .filter(f -> f.getFileName().toString().endsWith(".txt"))
              .sorted()
              .map(ModelOutputCorpus::read)
              .toList();
      if (cases.isEmpty()) {
        throw new IllegalStateException("model-outputs/" + kind + " holds no case");
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Case read(Path file) {
    String name = file.getFileName().toString().replaceFirst("\\.txt$", "");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int separator = text.indexOf(SEPARATOR);
    if (separator < 0) {
      throw new IllegalStateException(name + ": no --- line");
    }
    Map<String, String> header = new LinkedHashMap<>();
    for (String line : text.substring(0, separator).split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new IllegalStateException(name + ": header line without a key: " + line);
      }
      header.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
    }
    return new Case(name, header, text.substring(separator + SEPARATOR.length()));
  }
}
