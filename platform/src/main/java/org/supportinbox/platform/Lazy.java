package org.supportinbox.platform;

import java.util.function.Supplier;

/**
 * A value made on first use, then kept. Two threads may both make it at first; callers use it for
 * values where either is as good (a verifier, a signing key, a CDI client proxy).
 */
public final class Lazy<T> implements Supplier<T> {

  private final Supplier<T> maker;
  private volatile T value;

  private Lazy(Supplier<T> maker) {
    this.maker = maker;
  }

  public static <T> Lazy<T> of(Supplier<T> maker) {
    return new Lazy<>(maker);
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      v = maker.get();
      value = v;
    }
    return v;
  }
}
