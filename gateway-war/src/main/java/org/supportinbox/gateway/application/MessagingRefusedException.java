package org.supportinbox.gateway.application;

import java.util.Map;

/**
 * Messaging refused a request (a 4xx or 5xx with its JSON error body): the caller gets that answer.
 * {@link #fieldNames()} maps messaging's field names to the names the caller sent, so that an
 * error's {@code field} always names what the caller sent.
 */
public class MessagingRefusedException extends RuntimeException {

  private final transient Messaging.Answer answer;
  private final transient Map<String, String> fieldNames;

  public MessagingRefusedException(Messaging.Answer answer, Map<String, String> fieldNames) {
    super("messaging answered " + answer.status());
    this.answer = answer;
    this.fieldNames = Map.copyOf(fieldNames);
  }

  public Messaging.Answer answer() {
    return answer;
  }

  public Map<String, String> fieldNames() {
    return fieldNames;
  }
}
