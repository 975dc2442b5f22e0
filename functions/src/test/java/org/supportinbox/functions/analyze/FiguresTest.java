package org.supportinbox.functions.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresTest {

  @Test
  void aFigureInNoSourceIsReported() {
    assertThat(
            Figures.unsupported(
                "You can return it within 60 days, and the refund takes 5 days.",
                List.of("Returns are accepted within 14 days.", "Refunds take 5 days.")))
        .containsExactly("60");
  }

  @Test
  void figuresOfTheSourcesOrTheCustomerAreBackedWhateverTheSeparator() {
    assertThat(
            Figures.unsupported(
                "Order 4411 costs 4.99 EUR; 1,000 points are yours by 10:30.",
                List.of("Where is order #4411?", "The fee is 4,99 EUR.", "1000 points at 10.30")))
        .isEmpty();
  }

  @Test
  void listNumberingIsNoFigureButANumberInTheTextIs() {
    assertThat(
            Figures.unsupported(
                "Please:\n1. Open the app\n2) Sign in again\nIt takes 3 minutes.", List.of()))
        .containsExactly("3");
  }

  @Test
  void eachMissingFigureIsReportedOnceInOrder() {
    assertThat(Figures.unsupported("30 days, 30 days, then 90 days.", List.of("none")))
        .containsExactly("30", "90");
  }

  @Test
  void identifiersAreTheLongOrSeparatedNumbers() {
    assertThat(Figures.identifiers(List.of("Order #4411 for 49.99, 60 days, 3 items, 100 %")))
        .containsExactly("4411", "49.99", "100");
  }
}
