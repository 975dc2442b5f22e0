package org.supportinbox.messaging.api.rest;

/** The roles tokens carry in {@code groups}. */
final class Roles {
  static final String OPERATOR = "operator";
  static final String ADMIN = "admin";
  static final String SERVICE = "service";

  private Roles() {}
}
