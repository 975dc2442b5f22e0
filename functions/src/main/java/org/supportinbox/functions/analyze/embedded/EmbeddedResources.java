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
import java.util.TreeMap;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.WireEnum;

/**
 * The editable files of the embedded provider: the labelled examples, the reply macros and the
 * lexicon, YAML, from {@code AI_EMBEDDED_DIR} when it holds them and from the jar ({@code
 * src/main/resources/embedded/}) otherwise; the examples and macros of another language than
 * English in a folder named by its ISO 639-1 code ({@code de/intent-examples.yaml}, {@code
 * de/reply-macros.yaml}, {@code de/pleasantries.yaml}), looked for in the same two places. A file
 * that is wrong stops the process at start with what is wrong ({@link IllegalArgumentException}),
 * never mid-stream.
 */
public final class EmbeddedResources {

  static final String EXAMPLES = "intent-examples.yaml";
  static final String MACROS = "reply-macros.yaml";
  static final String LEXICON = "lexicon.yaml";
  static final String PLEASANTRIES = "pleasantries.yaml";

  /** In a language's macro file: what stands for {@code {name}} when the name is unknown. */
  static final String NO_NAME_KEY = "no_name";

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
    return macros(MACROS);
  }

  /**
   * The labelled examples of each language that has them ({@code <code>/intent-examples.yaml}, ISO
   * 639-1 code, in the directory or the jar), for the languages in {@code codes}; English ({@code
   * en}) is the top-level file and is left out.
   */
  Map<String, Map<Intent, List<String>>> languageExamples(List<String> codes) {
    Map<String, Map<Intent, List<String>>> out = new TreeMap<>();
    for (String code : codes) {
      String name = code + "/" + EXAMPLES;
      if (!code.equals("en") && exists(name)) {
        out.put(
            code, intentLists(read(name, new TypeReference<Map<String, List<String>>>() {}), name));
      }
    }
    return out;
  }

  /** The reply macros of each language in {@code codes} that has them ({@code <code>/}). */
  Map<String, ReplyMacros> languageMacros(List<String> codes) {
    Map<String, ReplyMacros> out = new TreeMap<>();
    for (String code : codes) {
      String name = code + "/" + MACROS;
      if (!code.equals("en") && exists(name)) {
        out.put(code, macros(name));
      }
    }
    return out;
  }

  /**
   * The greetings, thanks and sign-offs of each language in {@code codes} that has them ({@code
   * <code>/pleasantries.yaml}): set aside before that language's examples classify a message.
   */
  Map<String, Pleasantries> languagePleasantries(List<String> codes) {
    Map<String, Pleasantries> out = new TreeMap<>();
    for (String code : codes) {
      String name = code + "/" + PLEASANTRIES;
      if (!code.equals("en") && exists(name)) {
        out.put(
            code,
            Pleasantries.from(read(name, new TypeReference<Map<String, List<String>>>() {}), name));
      }
    }
    return out;
  }

  private ReplyMacros macros(String name) {
    Map<String, Object> raw = read(name, new TypeReference<Map<String, Object>>() {});
    Map<Intent, String> replies = new EnumMap<>(Intent.class);
    Map<Intent, String> withOrder = new EnumMap<>(Intent.class);
    String noName = ReplyMacros.NO_NAME;
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      if (e.getKey().equals(NO_NAME_KEY)) {
        if (!(e.getValue() instanceof String s) || s.isBlank()) {
          throw new IllegalArgumentException(name + ": " + NO_NAME_KEY + " must be a text");
        }
        noName = s.strip();
        continue;
      }
      Intent intent = intent(e.getKey(), name);
      if (e.getValue() != null && !(e.getValue() instanceof Map<?, ?>)) {
        throw new IllegalArgumentException(
            name + ": " + e.getKey() + " must have reply (and optionally with_order)");
      }
      Map<?, ?> macro = e.getValue() == null ? Map.of() : (Map<?, ?>) e.getValue();
      String reply = macro.get("reply") instanceof String r ? r : null;
      if (reply == null || reply.isBlank()) {
        throw new IllegalArgumentException(name + ": " + e.getKey() + " has no reply");
      }
      replies.put(intent, reply.strip());
      String order = macro.get("with_order") instanceof String o ? o : null;
      if (order != null && !order.isBlank()) {
        withOrder.put(intent, order.strip());
      }
    }
    requireAll(replies.keySet(), name);
    return new ReplyMacros(replies, withOrder, noName);
  }

  Lexicon lexicon() {
    Map<String, Object> raw = read(LEXICON, new TypeReference<Map<String, Object>>() {});
    return Lexicon.from(raw, LEXICON);
  }

  /** Whether {@code name} is in the directory or in the jar. */
  boolean exists(String name) {
    if (dir != null && Files.isRegularFile(dir.resolve(name))) {
      return true;
    }
    return EmbeddedResources.class.getResource("/embedded/" + name) != null;
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
