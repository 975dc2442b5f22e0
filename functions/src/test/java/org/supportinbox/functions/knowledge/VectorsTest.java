package org.supportinbox.functions.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VectorsTest {

  @Test
  void aVectorSurvivesTheWire() {
    float[] v = {0.5f, -1.25f, 3.0e-7f, Float.MIN_VALUE, 42f};
    assertThat(Vectors.decode(Vectors.encode(v))).containsExactly(v);
    // Little-endian: 0.5f is 0x3F000000, so its first byte on the wire is 0x00.
    assertThat(Vectors.encode(new float[] {0.5f})).isEqualTo("AAAAPw==");
  }

  @Test
  void somethingThatIsNoVectorIsRefused() {
    assertThatThrownBy(() -> Vectors.decode("AAA=")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Vectors.decode("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Vectors.decode("not base64!"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
