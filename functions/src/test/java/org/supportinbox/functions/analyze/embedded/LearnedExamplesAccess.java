package org.supportinbox.functions.analyze.embedded;

/** For the tests of other packages: an analyzer that learns apart from the shared one. */
public final class LearnedExamplesAccess {

  private LearnedExamplesAccess() {}

  /** A copy of the shared analyzer (its model and files loaded once), with examples of its own. */
  public static EmbeddedAnalyzer freshAnalyzer() {
    return SharedEmbeddedAnalyzer.get().copy();
  }
}
