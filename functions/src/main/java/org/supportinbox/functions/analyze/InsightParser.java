package org.supportinbox.functions.analyze;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.supportinbox.contracts.Sentiment;
import org.supportinbox.contracts.Urgency;
import org.supportinbox.contracts.WireEnum;

/**
 * Reads an {@link Insight} out of whatever a model wrote. Models, small ones especially, ignore the
 * schema they were given: they chat around the JSON, fence it, wrap it in an array or under a key,
 * write JavaScript object literals or Python dict quoting, and rename fields. This parser accepts
 * all that when the meaning is unambiguous and rejects, with a reason fit for a repair prompt, when
 * it is not.
 *
 * <p>How: every opening brace in the output, and every opening bracket directly followed by one, is
 * a candidate start; Jackson, with its lenient features on, reads one value from there; the first
 * candidate that validates wins, so an example object in the prose before the real one does no
 * harm. A candidate that was read whole is skipped over, so a value nested deeper than the one
 * allowed wrapper level is never taken for the answer. The input size and the number of candidates
 * are capped, so hostile output costs at most {@value #MAX_CANDIDATES} reads of {@value
 * #MAX_INPUT_CHARS} characters.
 *
 * <p>Texts are kept as written except for trimming, removal of control characters the store
 * refuses, removal of markup ({@link PlainText}: HTML tags, markdown images and links), and the
 * length limits of {@link Insight}, which cut at a word boundary instead of rejecting. A required
 * text that is blank once its markup is gone (say, a reply that was only an image) is rejected.
 */
public final class InsightParser {

  /** Output beyond this many characters (code points) is not looked at; answers are far shorter. */
  public static final int MAX_INPUT_CHARS = 64 * 1024;

  /** Candidate starts tried before giving up. */
  public static final int MAX_CANDIDATES = 50;

  /** Ends a value cut to its limit; it counts within the limit. */
  public static final String ELLIPSIS = "…";

  /**
   * Accepted synonyms for urgency, beyond the wire values in any case. Anything else, or no value,
   * is {@code normal}: a wrong optional field must not cost the whole insight.
   */
  static final Map<String, Urgency> URGENCY_SYNONYMS =
      Map.of("medium", Urgency.NORMAL, "urgent", Urgency.HIGH, "critical", Urgency.HIGH);

  // Deep nesting cannot be a real answer; the default limit (1000) would only cost time.
  private static final int MAX_NESTING = 32;

  private static final JsonFactory LENIENT =
      JsonFactory.builder()
          .enable(
              JsonReadFeature.ALLOW_JAVA_COMMENTS,
              JsonReadFeature.ALLOW_YAML_COMMENTS,
              JsonReadFeature.ALLOW_SINGLE_QUOTES,
              JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
              JsonReadFeature.ALLOW_TRAILING_COMMA,
              JsonReadFeature.ALLOW_MISSING_VALUES,
              // Models put raw newlines into strings rather than \n.
              JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS,
              JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER,
              JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
              JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS,
              JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS,
              JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS,
              JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
          .build();

  private static final ObjectMapper MAPPER = new JsonMapper(LENIENT);

  private static final String INTENT = "intent";
  private static final String SUMMARY = "summary";
  private static final String SUGGESTED_REPLY = "suggested_reply";
  private static final String SENTIMENT = "sentiment";
  private static final String URGENCY = "urgency";
  private static final String CONVERSATION_SUMMARY = "conversation_summary";

  /** Normal-form keys (see {@link #keyOf}) per field, preferred first. */
  private static final Map<String, List<String>> ALIASES =
      Map.of(
          INTENT, List.of("intent"),
          SUMMARY, List.of("summary"),
          SUGGESTED_REPLY, List.of("suggestedreply", "suggestedresponse", "reply"),
          SENTIMENT, List.of("sentiment"),
          URGENCY, List.of("urgency"),
          CONVERSATION_SUMMARY, List.of("conversationsummary", "threadsummary"));

  private static final Pattern KEY_SEPARATORS = Pattern.compile("[\\s_-]");

  /** Raw control characters outside strings would stop Jackson; inside, they are cleaned later. */
  private static final Pattern RAW_CONTROLS = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]");

  private static final Pattern EXPECTED_VALUE_LIST =
      Pattern.compile(": was expecting \\(JSON String.*");

  private InsightParser() {}

  /** The insight in {@code modelText}, or why there is none. Never throws. */
  public static ParseResult parse(String modelText) {
    if (modelText == null || modelText.isBlank()) {
      return new ParseResult.Rejected("the output is empty");
    }
    String text =
        RAW_CONTROLS.matcher(TextLimits.prefix(modelText, MAX_INPUT_CHARS)).replaceAll("");
    Verdict best = null;
    int tried = 0;
    int i = nextStart(text, 0);
    while (i >= 0 && tried < MAX_CANDIDATES) {
      tried++;
      Verdict verdict = readCandidate(text, i);
      if (verdict.insight != null) {
        return new ParseResult.Accepted(verdict.insight);
      }
      if (best == null || verdict.rank > best.rank) {
        best = verdict;
      }
      i = nextStart(text, verdict.end > i ? verdict.end : i + 1);
    }
    if (best == null) {
      return new ParseResult.Rejected(withoutObject(text));
    }
    return new ParseResult.Rejected(best.reason);
  }

  /** A candidate's outcome; the higher the rank, the closer it came, the better its reason. */
  private record Verdict(Insight insight, String reason, int rank, int end) {
    static final int BROKEN = 1;
    static final int NOT_AN_INSIGHT = 2;
    static final int INVALID_FIELDS = 3;

    static Verdict rejected(String reason, int rank, int end) {
      return new Verdict(null, reason, rank, end);
    }
  }

  private static int nextStart(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{' || (c == '[' && nextNonSpace(text, i + 1) == '{')) {
        return i;
      }
    }
    return -1;
  }

  private static char nextNonSpace(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return text.charAt(i);
      }
    }
    return 0;
  }

  private static Verdict readCandidate(String text, int start) {
    JsonNode value;
    int end;
    String rest = text.substring(start);
    try (JsonParser parser = LENIENT.createParser(rest)) {
      value = MAPPER.readTree(parser);
      if (value == null) {
        return Verdict.rejected("no JSON object in the output", Verdict.BROKEN, start);
      }
      end = start + (int) parser.currentLocation().getCharOffset();
    } catch (JsonProcessingException e) {
      if (endsAtEndOfInput(e, rest)) {
        return Verdict.rejected(
            "the JSON is cut off before the object ends", Verdict.BROKEN, start);
      }
      return Verdict.rejected(
          "the JSON is malformed: " + TextLimits.cut(jacksonProblem(e), 120, "…"),
          Verdict.BROKEN,
          start);
    } catch (IOException e) {
      // Reading a String does no I/O; report rather than hide it should that ever change.
      throw new IllegalStateException("reading model output from memory failed", e);
    }
    if (value.isArray()) {
      if (value.size() != 1 || !value.get(0).isObject()) {
        return Verdict.rejected(
            "the JSON array holds " + value.size() + " values, not one object",
            Verdict.NOT_AN_INSIGHT,
            end);
      }
      value = value.get(0);
    }
    Verdict verdict = validateObject(value, true);
    return new Verdict(verdict.insight, verdict.reason, verdict.rank, end);
  }

  /**
   * Whether reading failed for want of input: the model stopped (token limit, timeout) inside the
   * object. Jackson reports that as {@link JsonEOFException} inside a token and as a plain parse
   * error between tokens, so the error's position decides.
   */
  private static boolean endsAtEndOfInput(JsonProcessingException e, String input) {
    return e instanceof JsonEOFException
        || (e.getLocation() != null && e.getLocation().getCharOffset() >= input.length());
  }

  private static Verdict validateObject(JsonNode object, boolean mayDescend) {
    Map<String, JsonNode> fields = new HashMap<>();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      fields.putIfAbsent(keyOf(field.getKey()), field.getValue());
    }
    Map<String, JsonNode> known = new HashMap<>();
    ALIASES.forEach(
        (name, aliases) ->
            aliases.stream()
                .map(fields::get)
                .filter(Objects::nonNull)
                .findFirst()
                .ifPresent(v -> known.put(name, v)));
    if (known.isEmpty()) {
      if (mayDescend && object.size() == 1) {
        JsonNode inner = object.elements().next();
        if (inner.isObject()) {
          return validateObject(inner, false);
        }
      }
      return Verdict.rejected(
          "the JSON object has none of the fields intent, summary, suggested_reply",
          Verdict.NOT_AN_INSIGHT,
          0);
    }
    List<String> problems = new ArrayList<>();
    String intent = requiredText(known, INTENT, problems);
    String summary = requiredText(known, SUMMARY, problems);
    String reply = requiredText(known, SUGGESTED_REPLY, problems);
    if (!problems.isEmpty()) {
      return Verdict.rejected(String.join("; ", problems), Verdict.INVALID_FIELDS, 0);
    }
    Insight insight =
        new Insight(
            IntentLabels.normalise(intent),
            TextLimits.cut(summary, Insight.SUMMARY_MAX, ELLIPSIS),
            TextLimits.cut(reply, Insight.SUGGESTED_REPLY_MAX, ELLIPSIS),
            sentiment(known.get(SENTIMENT)),
            urgency(known.get(URGENCY)),
            optionalText(known.get(CONVERSATION_SUMMARY), Insight.CONVERSATION_SUMMARY_MAX));
    return new Verdict(insight, null, 0, 0);
  }

  /** The cleaned, stripped text of a required field, or null after adding what is wrong. */
  private static String requiredText(
      Map<String, JsonNode> known, String name, List<String> problems) {
    JsonNode value = known.get(name);
    if (value == null) {
      problems.add(name + " is missing");
    } else if (value.isNull()) {
      problems.add(name + " is null");
    } else if (!value.isTextual()) {
      problems.add(name + " is not a string");
    } else {
      String text = PlainText.of(TextLimits.clean(value.textValue())).strip();
      if (!text.isEmpty()) {
        return text;
      }
      problems.add(name + " is blank");
    }
    return null;
  }

  /**
   * An optional text: cleaned, stripped and cut like the others; null when it is absent, null, not
   * a string or blank (an insight without it is still an insight).
   */
  private static String optionalText(JsonNode value, int max) {
    if (value == null || !value.isTextual()) {
      return null;
    }
    String text = PlainText.of(TextLimits.clean(value.textValue())).strip();
    return text.isEmpty() ? null : TextLimits.cut(text, max, ELLIPSIS);
  }

  private static Sentiment sentiment(JsonNode value) {
    return label(value).flatMap(l -> WireEnum.parse(Sentiment.class, l)).orElse(Sentiment.NEUTRAL);
  }

  private static Urgency urgency(JsonNode value) {
    return label(value)
        .flatMap(
            l ->
                WireEnum.parse(Urgency.class, l)
                    .or(() -> Optional.ofNullable(URGENCY_SYNONYMS.get(l))))
        .orElse(Urgency.NORMAL);
  }

  private static Optional<String> label(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return Optional.empty();
    }
    return Optional.of(value.textValue().strip().toLowerCase(Locale.ROOT));
  }

  /** Field names compare case-insensitively, ignoring underscores, hyphens and spaces. */
  private static String keyOf(String name) {
    return KEY_SEPARATORS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("");
  }

  /** The reason when no candidate start exists: say what the output is, if it is JSON at all. */
  private static String withoutObject(String text) {
    try (JsonParser parser = LENIENT.createParser(text)) {
      JsonNode value = MAPPER.readTree(parser);
      if (value != null && parser.nextToken() == null) {
        String kind =
            switch (value.getNodeType()) {
              case NULL -> "JSON null";
              case STRING -> "a JSON string";
              case NUMBER -> "a JSON number";
              case BOOLEAN -> "a JSON boolean";
              case ARRAY -> "a JSON array";
              default -> null;
            };
        if (kind != null) {
          return "the output is " + kind + ", not an object";
        }
      }
    } catch (JsonProcessingException e) {
      // Expected for prose: not JSON at all, which is what the reason below says.
      return "no JSON object in the output";
    } catch (IOException e) {
      throw new IllegalStateException("reading model output from memory failed", e);
    }
    return "no JSON object in the output";
  }

  /** Jackson's message without its list of what JSON allows, which says nothing about the fault. */
  private static String jacksonProblem(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return EXPECTED_VALUE_LIST.matcher(line).replaceFirst("").strip();
  }
}
