package org.supportinbox.platform;

import java.util.UUID;

/** A well-formed id that names nothing; the REST layer answers 404 {@code <kind>_not_found}. */
public class UnknownIdException extends RuntimeException {

  private final String kind;

  public UnknownIdException(String kind, UUID id) {
    this(kind, "no " + kind + " with id " + id);
  }

  public UnknownIdException(String kind, String detail) {
    super(detail);
    this.kind = kind;
  }

  /** What was looked for, e.g. {@code conversation}. */
  public String kind() {
    return kind;
  }
}
