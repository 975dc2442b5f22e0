package org.supportinbox.messaging.domain;

import java.util.UUID;

/** A well-formed id that names nothing; the REST layer answers {@code 404 <kind>_not_found}. */
public class NotFoundException extends RuntimeException {

  private final String kind;

  public NotFoundException(String kind, UUID id) {
    super("no " + kind + " with id " + id);
    this.kind = kind;
  }

  /** What was looked for, e.g. {@code conversation}. */
  public String kind() {
    return kind;
  }
}
