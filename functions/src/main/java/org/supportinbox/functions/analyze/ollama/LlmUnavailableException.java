package org.supportinbox.functions.analyze.ollama;

/**
 * The model server could not give an answer. {@code reason} is a stable code: {@code
 * ollama_unreachable}, {@code ollama_timeout}, {@code model_missing} or {@code ollama_error}.
 */
final class LlmUnavailableException extends Exception {

  private final String reason;

  LlmUnavailableException(String reason, String detail, Throwable cause) {
    super(detail, cause);
    this.reason = reason;
  }

  String reason() {
    return reason;
  }
}
