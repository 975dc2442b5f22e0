package org.supportinbox.functions.analyze.embedded;

/** One embedded analyzer for all the plain tests of a run: loading it takes a second or two. */
final class SharedEmbeddedAnalyzer {

  private static EmbeddedAnalyzer analyzer;

  private SharedEmbeddedAnalyzer() {}

  static synchronized EmbeddedAnalyzer get() {
    if (analyzer == null) {
      analyzer = EmbeddedAnalyzer.load(null);
    }
    return analyzer;
  }
}
