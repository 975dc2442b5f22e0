package org.supportinbox.gateway.application;

/**
 * A login that failed: unknown user, wrong password or disabled account, deliberately not said
 * which. The failure is recorded before this is thrown, and the transaction commits.
 */
public class InvalidCredentialsException extends RuntimeException {
  public InvalidCredentialsException() {
    super("wrong user name or password");
  }
}
