package org.supportinbox.functions.analyze.embedded;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.supportinbox.contracts.Intent;

/**
 * The embedded provider's suggested replies: one macro per intent (and optionally one for messages
 * that name an order), from {@code reply-macros.yaml}, with {@code {name}} and {@code {order}}
 * filled in. One instance per language: {@code reply-macros.yaml} for English and for any language
 * without macros of its own, {@code <code>/reply-macros.yaml} for the others.
 */
final class ReplyMacros {

  /** Said instead of a name when the sender's name is unknown: "Hi there". */
  static final String NO_NAME = "there";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(name|order)\\}");

  private final Map<Intent, String> replies;
  private final Map<Intent, String> withOrder;
  private final String noName;

  ReplyMacros(Map<Intent, String> replies, Map<Intent, String> withOrder) {
    this(replies, withOrder, NO_NAME);
  }

  /** {@code noName}: said for {@code {name}} when the name is unknown ("zusammen" in German). */
  ReplyMacros(Map<Intent, String> replies, Map<Intent, String> withOrder, String noName) {
    this.replies = Map.copyOf(replies);
    this.withOrder = Map.copyOf(withOrder);
    this.noName = noName;
  }

  /**
   * The reply for {@code intent}; {@code firstName} and {@code orderNumber} may be null. The order
   * variant is used when there is an order number and the intent has one.
   */
  String reply(Intent intent, String firstName, String orderNumber) {
    String macro =
        orderNumber != null && withOrder.containsKey(intent)
            ? withOrder.get(intent)
            : replies.get(intent);
    String name = firstName == null ? noName : firstName;
    String order = orderNumber == null ? "" : orderNumber;
    // One pass over the macro: a name like "{order}" or "$1" is text, never a placeholder.
    Matcher m = PLACEHOLDER.matcher(macro);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).equals("name") ? name : order));
    }
    m.appendTail(out);
    return out.toString();
  }
}
