package org.supportinbox.functions.analyze.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.Intent;

/** The spelling-based classifier of the languages other than English, on a tiny example set. */
class NgramClassifierTest {

  private static NgramClassifier classifier() {
    Map<Intent, List<String>> examples = new EnumMap<>(Intent.class);
    for (Intent intent : Intent.values()) {
      examples.put(intent, List.of("zzz " + intent.wire()));
    }
    examples.put(Intent.REFUND, List.of("Ich möchte eine Rückerstattung.", "Geld zurück bitte"));
    examples.put(Intent.ORDER_STATUS, List.of("Wo ist mein Paket?", "Die Lieferung fehlt."));
    return new NgramClassifier(examples);
  }

  @Test
  void inflectedAndCompoundFormsMeetThroughTheirNgrams() {
    assertThat(classifier().classify("Wann wird mir der Betrag zurückerstattet?"))
        .isEqualTo(Intent.REFUND);
    assertThat(classifier().classify("Mein Päckchen ist nicht geliefert worden"))
        .isEqualTo(Intent.ORDER_STATUS);
  }

  @Test
  void accentsAndCaseAreFolded() {
    assertThat(NgramClassifier.features("RÜCK")).containsKey("w:ruck").containsKey(" ru");
    assertThat(NgramClassifier.features("rück")).isEqualTo(NgramClassifier.features("RUCK"));
  }

  @Test
  void aTextThatSharesNothingWithTheExamplesIsOther() {
    assertThat(classifier().classify("qqqq xxxx")).isEqualTo(Intent.OTHER);
    assertThat(classifier().classify("")).isEqualTo(Intent.OTHER);
  }
}
