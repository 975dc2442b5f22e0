package org.supportinbox.functions.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

  @Test
  void sumsOneOverKPlusRankAcrossRankings() {
    Map<String, Double> fused =
        ReciprocalRankFusion.fuse(List.of(List.of("a", "b", "c"), List.of("c", "a")), 60);
    assertThat(fused.get("a")).isCloseTo(1.0 / 61 + 1.0 / 62, within(1e-12));
    assertThat(fused.get("b")).isCloseTo(1.0 / 62, within(1e-12));
    assertThat(fused.get("c")).isCloseTo(1.0 / 63 + 1.0 / 61, within(1e-12));
  }

  @Test
  void anItemFoundByBothSidesBeatsOneFoundFirstByOnlyOne() {
    Map<String, Double> fused =
        ReciprocalRankFusion.fuse(List.of(List.of("x", "both"), List.of("y", "both")), 60);
    assertThat(fused.get("both")).isGreaterThan(fused.get("x")).isGreaterThan(0);
    assertThat(fused.get("x")).isEqualTo(fused.get("y"));
  }

  @Test
  void emptyRankingsFuseToNothing() {
    assertThat(ReciprocalRankFusion.fuse(List.of(List.of(), List.of()), 60)).isEmpty();
  }
}
