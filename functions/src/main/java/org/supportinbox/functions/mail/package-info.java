/**
 * The mail function: the support mailbox read over IMAP into messaging ({@code MailboxReader}, one
 * replica at a time through {@code ReaderLease}), and operators' replies in email conversations
 * sent over SMTP ({@code MailSendFunction} on the runtime, consuming {@code
 * email.delivery_changed}).
 */
package org.supportinbox.functions.mail;
