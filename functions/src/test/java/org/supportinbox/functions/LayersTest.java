package org.supportinbox.functions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The functions' packages point one way (docs/architecture.md draws them): {@code runtime} (the
 * broker consumer, retries, metrics, health) knows no function; each analyzer ({@code
 * analyze.ollama}, {@code analyze.embedded}) is reached only through the {@code Analyzer} port and
 * knows neither the other nor the command-line tools ({@code analyze.command}), which nothing in
 * the function itself uses.
 */
class LayersTest {

  private static final JavaClasses PRODUCT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.supportinbox.functions");

  @Test
  void theRuntimeKnowsNoFunction() {
    noClasses()
        .that()
        .resideInAPackage("org.supportinbox.functions.runtime..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.supportinbox.functions.analyze..")
        .check(PRODUCT);
  }

  @Test
  void eachAnalyzerKnowsNeitherTheOtherNorTheCommands() {
    noClasses()
        .that()
        .resideInAPackage("org.supportinbox.functions.analyze.ollama..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.supportinbox.functions.analyze.embedded..",
            "org.supportinbox.functions.analyze.command..")
        .check(PRODUCT);
    noClasses()
        .that()
        .resideInAPackage("org.supportinbox.functions.analyze.embedded..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.supportinbox.functions.analyze.ollama..",
            "org.supportinbox.functions.analyze.command..")
        .check(PRODUCT);
  }

  @Test
  void theFunctionDoesNotUseTheCommands() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.supportinbox.functions.analyze.command..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.supportinbox.functions.analyze.command..")
        .check(PRODUCT);
  }
}
