package org.supportinbox.functions.analyze;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.WireEnum;

/**
 * Maps the intent label a model wrote to the taxonomy. Models paraphrase the labels they were given
 * ("Technical Support", "shipping"), so exact matching would throw away correct answers; a label
 * that names nothing we know becomes {@link Intent#OTHER} rather than a rejection, because the
 * summary and reply are still useful to the operator.
 */
public final class IntentLabels {

  private static final Pattern SEPARATORS = Pattern.compile("[\\s_-]+");
  private static final Pattern EDGE_PUNCTUATION =
      Pattern.compile("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$");

  /**
   * Labels models use for our intents, already in normal form. The first block is the agreed list;
   * the second holds near-misses seen with small models that are unambiguous.
   */
  private static final Map<String, Intent> SYNONYMS =
      Map.ofEntries(
          Map.entry("shipping", Intent.ORDER_STATUS),
          Map.entry("delivery", Intent.ORDER_STATUS),
          Map.entry("bug", Intent.TECHNICAL_ISSUE),
          Map.entry("technical", Intent.TECHNICAL_ISSUE),
          Map.entry("technical_support", Intent.TECHNICAL_ISSUE),
          Map.entry("error", Intent.TECHNICAL_ISSUE),
          Map.entry("login", Intent.ACCOUNT_ACCESS),
          Map.entry("password", Intent.ACCOUNT_ACCESS),
          Map.entry("login_issue", Intent.ACCOUNT_ACCESS),
          Map.entry("refund_request", Intent.REFUND),
          Map.entry("billing_issue", Intent.BILLING),
          Map.entry("payment", Intent.BILLING),
          Map.entry("invoice", Intent.BILLING),
          Map.entry("thanks", Intent.GREETING),
          Map.entry("hello", Intent.GREETING),
          Map.entry("praise", Intent.FEEDBACK),
          Map.entry("unknown", Intent.OTHER),
          Map.entry("none", Intent.OTHER),
          Map.entry("general", Intent.OTHER),
          // Added beyond the agreed list.
          Map.entry("order_tracking", Intent.ORDER_STATUS),
          Map.entry("bug_report", Intent.TECHNICAL_ISSUE),
          Map.entry("cancel", Intent.CANCELLATION),
          Map.entry("cancel_subscription", Intent.CANCELLATION),
          Map.entry("feature", Intent.FEATURE_REQUEST),
          Map.entry("thank_you", Intent.GREETING),
          Map.entry("greetings", Intent.GREETING));

  private IntentLabels() {}

  /**
   * The intent {@code label} names: case-insensitive, runs of spaces, hyphens and underscores read
   * as one underscore, surrounding punctuation ignored ({@code "Billing."}); {@link Intent#OTHER}
   * for anything unknown, blank or {@code null}.
   */
  public static Intent normalise(String label) {
    if (label == null) {
      return Intent.OTHER;
    }
    String key =
        SEPARATORS
            .matcher(EDGE_PUNCTUATION.matcher(label.strip()).replaceAll(""))
            .replaceAll("_")
            .toLowerCase(Locale.ROOT);
    Optional<Intent> exact = WireEnum.parse(Intent.class, key);
    return exact.orElseGet(() -> SYNONYMS.getOrDefault(key, Intent.OTHER));
  }
}
