package org.supportinbox.contracts;

/**
 * Why a reply is mailed: {@code email}, it is a reply in an email conversation (mailed at once);
 * {@code fallback}, it is a reply in a chat conversation whose customer gave an email, mailed after
 * {@code EMAIL_FALLBACK_AFTER} unless the customer read it in the chat first.
 */
public enum DeliveryKind implements WireEnum {
  EMAIL,
  FALLBACK
}
