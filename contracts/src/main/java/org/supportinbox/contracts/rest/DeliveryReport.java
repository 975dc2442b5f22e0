package org.supportinbox.contracts.rest;

import org.supportinbox.contracts.Required;

/**
 * The body of messaging's {@code POST /email/deliveries/{message_id}/report}: how the mail
 * function's try went.
 *
 * @param outcome {@code sent} (the SMTP server took the mail), {@code retry} (a fault that may
 *     pass: queued again with the reason) or {@code failed} (given up)
 * @param error the reason, for {@code retry} and {@code failed}
 * @param emailMessageId for {@code sent}: the {@code Message-ID} the mail went out with, without
 *     angle brackets
 */
public record DeliveryReport(@Required String outcome, String error, String emailMessageId) {

  public static final String SENT = "sent";
  public static final String RETRY = "retry";
  public static final String FAILED = "failed";
}
