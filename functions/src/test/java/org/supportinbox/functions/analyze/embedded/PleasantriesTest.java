package org.supportinbox.functions.analyze.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PleasantriesTest {

  private static final Map<String, Pleasantries> BUILT_IN =
      new EmbeddedResources(null).languagePleasantries(MultilingualEvaluationTest.LANGUAGES);

  private static String content(String code, String text) {
    return BUILT_IN.get(code).content(text);
  }

  @Test
  void everyLanguageWithExamplesHasItsPleasantries() {
    assertThat(BUILT_IN.keySet())
        .containsExactlyInAnyOrderElementsOf(MultilingualEvaluationTest.LANGUAGES);
  }

  @Test
  void aGreetingAndTheWordsBeforeItsCommaAreCutFromTheStart() {
    assertThat(content("de", "Hallo liebes Team, kann man den Tisch auch ausziehen?"))
        .isEqualTo("kann man den Tisch auch ausziehen?");
    assertThat(content("fr", "Bonjour, je n'ai pas reçu ma facture."))
        .isEqualTo("je n'ai pas reçu ma facture.");
    // Without a comma only the greeting goes: what follows is the message.
    assertThat(content("fr", "Bonjour je voudrais annuler ma commande de lundi."))
        .isEqualTo("je voudrais annuler ma commande de lundi.");
  }

  @Test
  void wordsThatStartContentAreNeverTakenForAnAddress() {
    assertThat(content("de", "Hallo ich möchte kündigen, weil der Preis gestiegen ist."))
        .isEqualTo("ich möchte kündigen, weil der Preis gestiegen ist.");
    assertThat(content("es", "Hola necesito ayuda urgente, no puedo entrar en mi cuenta."))
        .isEqualTo("necesito ayuda urgente, no puedo entrar en mi cuenta.");
    assertThat(content("nl", "Hoi ik wil opzeggen, het abonnement is te duur geworden."))
        .isEqualTo("ik wil opzeggen, het abonnement is te duur geworden.");
    // An address still goes with its greeting.
    assertThat(content("it", "Buongiorno gentile assistenza, il pacco non è mai arrivato."))
        .isEqualTo("il pacco non è mai arrivato.");
  }

  @Test
  void aSignOffAndTheSignatureAfterItAreLeftOut() {
    assertThat(
            content(
                "de",
                "Sehr geehrte Damen und Herren,\n\nmeine Rechnung für März ist zu hoch.\n\n"
                    + "Mit freundlichen Grüßen\nErika Mustermann\nTel. 030 123456"))
        .isEqualTo("meine Rechnung für März ist zu hoch.");
    assertThat(
            content("es", "No funciona el pago con tarjeta en la web. Gracias de antemano, Luis"))
        .isEqualTo("No funciona el pago con tarjeta en la web.");
    assertThat(
            content(
                "nl",
                "Mijn pakket is al een week zoek.\nGroetjes,\nEva\n\nVerzonden vanaf mijn iPhone"))
        .isEqualTo("Mijn pakket is al een week zoek.");
  }

  @Test
  void thanksAloneAndALastNameLineAreLeftOutButThanksForSomethingStays() {
    assertThat(content("it", "Vorrei annullare l'ordine di ieri sera. Grazie mille!\nMarco"))
        .isEqualTo("Vorrei annullare l'ordine di ieri sera.");
    assertThat(content("fr", "Merci de me rembourser la commande."))
        .isEqualTo("Merci de me rembourser la commande.");
    assertThat(content("pt", "Adorei o produto. Obrigado a toda a equipa!"))
        .isEqualTo("Adorei o produto.\nObrigado a toda a equipa!");
  }

  @Test
  void aMessageThatIsOnlyPleasantriesKeepsItsText() {
    assertThat(content("de", "Hallo!")).isEqualTo("Hallo!");
    assertThat(content("fr", "Merci beaucoup, bonne journée !\nJulie"))
        .isEqualTo("Merci beaucoup, bonne journée !\nJulie");
    assertThat(Pleasantries.NONE.content("Hallo, Rechnung?")).isEqualTo("Hallo, Rechnung?");
    // Small talk after a greeting: too little left to be read without it.
    assertThat(content("de", "Guten Morgen, ist jemand da?"))
        .isEqualTo("Guten Morgen, ist jemand da?");
  }

  @Test
  void anUnknownListIsRefused() {
    assertThatThrownBy(() -> Pleasantries.from(Map.of("hellos", List.of("hi")), "x.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x.yaml")
        .hasMessageContaining("hellos");
  }
}
