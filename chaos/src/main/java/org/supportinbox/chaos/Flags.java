package org.supportinbox.chaos;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the chaos runs: {@code --name value} pairs applied one by one to a run's
 * options, {@code -h} or {@code --help} for the usage. Each run's options say which names exist and
 * what values they take ({@link Settable#with}).
 */
final class Flags {

  /** Options that take one {@code --name value} at a time, refusing an unknown name. */
  interface Settable<T> {
    T with(String name, String value);
  }

  private Flags() {}

  /**
   * {@code args} applied to {@code defaults}, in order.
   *
   * @throws IllegalArgumentException with {@code usage} for help, an unknown or incomplete option
   */
  static <T extends Settable<T>> T apply(List<String> args, T defaults, String usage) {
    T options = defaults;
    List<String> rest = new ArrayList<>(args);
    while (!rest.isEmpty()) {
      String flag = rest.remove(0);
      if (flag.equals("-h") || flag.equals("--help")) {
        throw new IllegalArgumentException(usage);
      }
      if (!flag.startsWith("--") || rest.isEmpty()) {
        throw new IllegalArgumentException("unknown or incomplete option " + flag + "\n" + usage);
      }
      options = options.with(flag.substring(2), rest.remove(0));
    }
    return options;
  }
}
