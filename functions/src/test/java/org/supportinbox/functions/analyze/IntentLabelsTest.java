package org.supportinbox.functions.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.supportinbox.contracts.Intent;

class IntentLabelsTest {

  @ParameterizedTest
  @EnumSource(Intent.class)
  void everyWireValueMapsToItself(Intent intent) {
    assertEquals(intent, IntentLabels.normalise(intent.wire()));
  }

  @ParameterizedTest
  @EnumSource(Intent.class)
  void everyLabelMatchesInUpperCaseWithSpacesOrHyphens(Intent intent) {
    String upper = intent.wire().toUpperCase(Locale.ROOT);
    assertEquals(intent, IntentLabels.normalise(upper));
    assertEquals(intent, IntentLabels.normalise(upper.replace('_', ' ')));
    assertEquals(intent, IntentLabels.normalise(intent.wire().replace('_', '-')));
    assertEquals(intent, IntentLabels.normalise("  " + intent.wire() + "\n"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "Order Status, ORDER_STATUS",
    "order-status, ORDER_STATUS",
    "Technical-Issue, TECHNICAL_ISSUE",
    "account  access, ACCOUNT_ACCESS",
    "Feature_Request, FEATURE_REQUEST",
    "product - question, PRODUCT_QUESTION",
    "Billing., BILLING",
    "'\"refund\"', REFUND",
    "**complaint**, COMPLAINT",
  })
  void caseSpacingAndSurroundingPunctuationDoNotMatter(String label, Intent expected) {
    assertEquals(expected, IntentLabels.normalise(label));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "shipping, ORDER_STATUS",
    "delivery, ORDER_STATUS",
    "bug, TECHNICAL_ISSUE",
    "technical, TECHNICAL_ISSUE",
    "technical_support, TECHNICAL_ISSUE",
    "error, TECHNICAL_ISSUE",
    "login, ACCOUNT_ACCESS",
    "password, ACCOUNT_ACCESS",
    "login_issue, ACCOUNT_ACCESS",
    "refund_request, REFUND",
    "billing_issue, BILLING",
    "payment, BILLING",
    "invoice, BILLING",
    "thanks, GREETING",
    "hello, GREETING",
    "praise, FEEDBACK",
    "unknown, OTHER",
    "none, OTHER",
    "general, OTHER",
  })
  void agreedSynonyms(String label, Intent expected) {
    assertEquals(expected, IntentLabels.normalise(label));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "Shipping, ORDER_STATUS",
    "DELIVERY, ORDER_STATUS",
    "Technical Support, TECHNICAL_ISSUE",
    "technical-support, TECHNICAL_ISSUE",
    "Login Issue, ACCOUNT_ACCESS",
    "login-issue, ACCOUNT_ACCESS",
    "Refund Request, REFUND",
    "Billing Issue, BILLING",
    "THANKS, GREETING",
    "Unknown, OTHER",
  })
  void synonymsInAnyCaseAndSpacing(String label, Intent expected) {
    assertEquals(expected, IntentLabels.normalise(label));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "order_tracking, ORDER_STATUS",
    "bug report, TECHNICAL_ISSUE",
    "cancel, CANCELLATION",
    "cancel subscription, CANCELLATION",
    "feature, FEATURE_REQUEST",
    "thank you, GREETING",
    "greetings, GREETING",
  })
  void addedSynonyms(String label, Intent expected) {
    assertEquals(expected, IntentLabels.normalise(label));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "job_inquiry",
        "billing|refund",
        "billing, refund",
        "42",
        "shippingg",
        "question about billing",
        "<intent>",
      })
  void anythingElseIsOther(String label) {
    assertEquals(Intent.OTHER, IntentLabels.normalise(label));
  }

  @Test
  void labelsInOtherLanguagesAreOther() {
    assertEquals(Intent.OTHER, IntentLabels.normalise("Rückerstattung"));
  }
}
