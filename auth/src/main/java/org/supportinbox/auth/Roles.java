package org.supportinbox.auth;

/** The roles tokens carry in {@code groups}. */
public final class Roles {
  /** A support operator (issued by the gateway at login). */
  public static final String OPERATOR = "operator";

  /** An operator who may also manage operators. */
  public static final String ADMIN = "admin";

  /**
   * The gateway calling messaging: it may act for customers and operators. Only holders of {@code
   * JWT_SECRET} (the gateway and messaging) can sign such a token.
   */
  public static final String SERVICE = "service";

  /**
   * An AI function replica: it may read a message's context and report insights, nothing else.
   * Granted only to tokens signed with {@code AI_FUNCTION_SECRET} ({@link AiFunctionTokens}),
   * whatever their {@code groups} claim says.
   */
  public static final String AI_FUNCTION = "ai_function";

  /**
   * A mail function replica: it may store the mails it reads from the support mailbox and send the
   * replies of email conversations, nothing else. Granted only to tokens signed with {@code
   * MAIL_FUNCTION_SECRET} ({@link MailFunctionTokens}), whatever their {@code groups} claim says.
   */
  public static final String MAIL_FUNCTION = "mail_function";

  /** A customer, limited to the one conversation its token names. */
  public static final String CUSTOMER = "customer";

  private Roles() {}
}
