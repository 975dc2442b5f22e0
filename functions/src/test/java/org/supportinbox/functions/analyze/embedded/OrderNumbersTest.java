package org.supportinbox.functions.analyze.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderNumbersTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Where is order 48213?|48213",
        "my order #48213 is late|48213",
        "Order number: AB-12345.|AB-12345",
        "order no. 55120, please|55120",
        "ORDER NR 9981234|9981234",
        "Meine Bestellung 77123 fehlt|77123",
        "Bestellnummer: 2024-5531|2024-5531",
        "ma commande n° 44521 est en retard|44521",
        "mi pedido 99812 no llegó|99812",
        "ticket #123456 about my parcel|123456"
      })
  void findsTheOrderNumber(String text, String number) {
    assertThat(OrderNumbers.find(text)).isEqualTo(number);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "I paid 49.99 on 12/03",
        "call me on 555 123 456",
        "my order is late",
        "order something else",
        "issue #12",
        "the ordering page is broken since 2024"
      })
  void aBareNumberIsNoOrderNumber(String text) {
    assertThat(OrderNumbers.find(text)).isNull();
  }
}
