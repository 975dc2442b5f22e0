package org.supportinbox.web;

import jakarta.enterprise.inject.spi.CDI;
import java.util.function.Supplier;

/**
 * A normal-scoped CDI bean (its client proxy) looked up on first use, then kept, for the classes
 * CDI does not inject into, such as JAX-RS providers. {@code CDI.current().select(...)} on every
 * request cost about 4.5 % of messaging's CPU samples in ./inbox bench (JFR). Only for normal
 * scopes ({@code @ApplicationScoped}, {@code @RequestScoped}, ...): the proxy kept stands for the
 * right instance each time; a {@code @Dependent} bean would be one instance for good.
 */
public final class LazyBean<T> implements Supplier<T> {

  private final Class<T> type;
  private volatile T bean;

  private LazyBean(Class<T> type) {
    this.type = type;
  }

  public static <T> LazyBean<T> of(Class<T> type) {
    return new LazyBean<>(type);
  }

  @Override
  public T get() {
    T b = bean;
    if (b == null) {
      // Two threads may both look it up at first: the same proxy either way.
      b = CDI.current().select(type).get();
      bean = b;
    }
    return b;
  }
}
