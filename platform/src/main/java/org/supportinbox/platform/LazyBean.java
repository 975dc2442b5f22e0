package org.supportinbox.platform;

import jakarta.enterprise.inject.spi.CDI;

/**
 * A normal-scoped CDI bean (its client proxy) looked up on first use, then kept, for the classes
 * CDI does not inject into, such as JAX-RS providers and WebSocket endpoints. {@code
 * CDI.current().select(...)} on every request cost about 4.5 % of messaging's CPU samples in
 * ./inbox bench (JFR). Only for normal scopes ({@code @ApplicationScoped}, {@code @RequestScoped},
 * ...): the proxy kept stands for the right instance each time; a {@code @Dependent} bean would be
 * one instance for good.
 */
public final class LazyBean {

  private LazyBean() {}

  public static <T> Lazy<T> of(Class<T> type) {
    return Lazy.of(() -> CDI.current().select(type).get());
  }
}
