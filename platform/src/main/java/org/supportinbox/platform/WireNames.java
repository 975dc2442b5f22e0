package org.supportinbox.platform;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The wire names of a record's components: snake_case, as {@link WireJson}'s naming strategy writes
 * them ({@code conversationId} is {@code conversation_id}).
 */
public final class WireNames {

  private static final Pattern UPPER = Pattern.compile("([A-Z])");

  private WireNames() {}

  public static String of(RecordComponent component) {
    return of(component.getName());
  }

  public static String of(String javaName) {
    return UPPER.matcher(javaName).replaceAll("_$1").toLowerCase(Locale.ROOT);
  }

  /** Every component's wire name. */
  public static Set<String> of(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents())
        .map(WireNames::of)
        .collect(Collectors.toUnmodifiableSet());
  }
}
