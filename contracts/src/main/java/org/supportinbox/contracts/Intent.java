package org.supportinbox.contracts;

/** The intent taxonomy the AI functions classify customer messages into. */
public enum Intent implements WireEnum {
  BILLING,
  REFUND,
  ORDER_STATUS,
  TECHNICAL_ISSUE,
  ACCOUNT_ACCESS,
  CANCELLATION,
  PRODUCT_QUESTION,
  FEATURE_REQUEST,
  COMPLAINT,
  FEEDBACK,
  GREETING,
  OTHER
}
