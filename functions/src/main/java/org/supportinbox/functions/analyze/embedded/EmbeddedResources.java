package org.supportinbox.functions.analyze.embedded;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.WireEnum;

/**
 * The editable files of the embedded provider: the labelled examples, the reply macros and the
 * lexicon, YAML, from {@code AI_EMBEDDED_DIR} when it holds them and from the jar ({@code
 * src/main/resources/embedded/}) otherwise. A file that is wrong stops the process at start with
 * what is wrong ({@link IllegalArgumentException}), never mid-stream.
 */
public final class EmbeddedResources {

  static final String EXAMPLES = "intent-examples.yaml";
  static final String MACROS = "reply-macros.yaml";
  static final String LEXICON = "lexicon.yaml";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Path dir;

  /** {@code dir}: where edited files are looked for first; null for the built-in files only. */
  public EmbeddedResources(Path dir) {
    this.dir = dir;
  }

  /** The labelled examples, every intent of the taxonomy with at least one. */
  public Map<Intent, List<String>> examples() {
    return intentLists(read(EXAMPLES, new TypeReference<Map<String, List<String>>>() {}), EXAMPLES);
  }

  ReplyMacros macros() {
    Map<String, Map<String, String>> raw =
        read(MACROS, new TypeReference<Map<String, Map<String, String>>>() {});
    Map<Intent, String> replies = new EnumMap<>(Intent.class);
    Map<Intent, String> withOrder = new EnumMap<>(Intent.class);
    for (Map.Entry<String, Map<String, String>> e : raw.entrySet()) {
      Intent intent = intent(e.getKey(), MACROS);
      Map<String, String> macro = e.getValue() == null ? Map.of() : e.getValue();
      String reply = macro.get("reply");
      if (reply == null || reply.isBlank()) {
        throw new IllegalArgumentException(MACROS + ": " + e.getKey() + " has no reply");
      }
      replies.put(intent, reply.strip());
      String order = macro.get("with_order");
      if (order != null && !order.isBlank()) {
        withOrder.put(intent, order.strip());
      }
    }
    requireAll(replies.keySet(), MACROS);
    return new ReplyMacros(replies, withOrder);
  }

  Lexicon lexicon() {
    Map<String, Object> raw = read(LEXICON, new TypeReference<Map<String, Object>>() {});
    return Lexicon.from(raw, LEXICON);
  }

  /** Reads {@code name} from the directory if it is there, else from the jar. */
  <T> T read(String name, TypeReference<T> type) {
    try {
      if (dir != null && Files.isRegularFile(dir.resolve(name))) {
        try (InputStream in = Files.newInputStream(dir.resolve(name))) {
          return nonNull(YAML.readValue(in, type), name);
        }
      }
      try (InputStream in = EmbeddedResources.class.getResourceAsStream("/embedded/" + name)) {
        if (in == null) {
          throw new IllegalStateException("embedded/" + name + " is missing from the jar");
        }
        return nonNull(YAML.readValue(in, type), name);
      }
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException(name + " is not valid: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  /** A map of intent to texts, as the examples and the evaluation set are written. */
  static Map<Intent, List<String>> intentLists(Map<String, List<String>> raw, String name) {
    Map<Intent, List<String>> out = new EnumMap<>(Intent.class);
    for (Map.Entry<String, List<String>> e : raw.entrySet()) {
      List<String> texts = new ArrayList<>();
      for (String t : e.getValue() == null ? List.<String>of() : e.getValue()) {
        if (t != null && !t.isBlank()) {
          texts.add(t.strip());
        }
      }
      if (texts.isEmpty()) {
        throw new IllegalArgumentException(name + ": " + e.getKey() + " has no examples");
      }
      out.put(intent(e.getKey(), name), List.copyOf(texts));
    }
    requireAll(out.keySet(), name);
    return out;
  }

  static Map<Intent, List<String>> readIntentLists(InputStream in, String name) throws IOException {
    return intentLists(
        nonNull(YAML.readValue(in, new TypeReference<Map<String, List<String>>>() {}), name), name);
  }

  private static Intent intent(String key, String name) {
    return WireEnum.parse(Intent.class, key)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    name
                        + ": '"
                        + key
                        + "' is not an intent; allowed: "
                        + WireEnum.choices(Intent.class)));
  }

  private static void requireAll(java.util.Set<Intent> present, String name) {
    List<String> missing = new ArrayList<>();
    for (Intent i : Intent.values()) {
      if (!present.contains(i)) {
        missing.add(i.wire());
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(name + " lacks the intents " + missing);
    }
  }

  private static <T> T nonNull(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is empty");
    }
    return value;
  }
}
