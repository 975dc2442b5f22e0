package org.supportinbox.functions.knowledge;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * An embedding on the wire ({@code KbPassage.embedding}): base64 of its floats, IEEE 754 single
 * precision, little-endian, as messaging stores them.
 */
final class Vectors {

  private Vectors() {}

  static String encode(float[] vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : vector) {
      bytes.putFloat(f);
    }
    return Base64.getEncoder().encodeToString(bytes.array());
  }

  /** The floats; {@link IllegalArgumentException} when it is no such encoding. */
  static float[] decode(String base64) {
    byte[] raw = Base64.getDecoder().decode(base64);
    if (raw.length == 0 || raw.length % 4 != 0) {
      throw new IllegalArgumentException("an embedding of " + raw.length + " bytes");
    }
    ByteBuffer bytes = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[raw.length / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes.getFloat();
    }
    return out;
  }
}
