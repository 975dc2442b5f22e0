package org.supportinbox.messaging.application;

import java.util.UUID;

/** A well-formed id that names nothing; the REST layer answers 404. */
public class UnknownIdException extends RuntimeException {

  private final String kind;

  public UnknownIdException(String kind, UUID id) {
    super("no " + kind + " with id " + id);
    this.kind = kind;
  }

  /** What was looked for, e.g. {@code conversation}. */
  public String kind() {
    return kind;
  }
}
