package org.supportinbox.auth;

/** The roles tokens carry in {@code groups}. */
public final class Roles {
  /** A support operator (issued by the gateway at login). */
  public static final String OPERATOR = "operator";

  /** An operator who may also manage operators. */
  public static final String ADMIN = "admin";

  /** Another service of the system (the gateway or an AI function calling messaging). */
  public static final String SERVICE = "service";

  /** A customer, limited to the one conversation its token names. */
  public static final String CUSTOMER = "customer";

  private Roles() {}
}
