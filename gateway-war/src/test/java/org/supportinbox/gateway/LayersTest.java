package org.supportinbox.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The gateway's layers point one way (docs/architecture.md draws them): the REST resources and the
 * socket endpoint ({@code api}) call the use cases ({@code application}), which speak to messaging,
 * the database and the sockets only through ports that {@code infrastructure} and the socket hub
 * implement; {@code domain} knows none of them; start-up in the root package wires it all.
 */
class LayersTest {

  private static final JavaClasses PRODUCT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.supportinbox.gateway");

  @Test
  void layersPointOneWay() {
    ArchRule rule =
        layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Start")
            .definedBy("org.supportinbox.gateway")
            .layer("Api")
            .definedBy("org.supportinbox.gateway.api..")
            .layer("Application")
            .definedBy("org.supportinbox.gateway.application..")
            .layer("Domain")
            .definedBy("org.supportinbox.gateway.domain..")
            .layer("Infrastructure")
            .definedBy("org.supportinbox.gateway.infrastructure..")
            .layer("Config")
            .definedBy("org.supportinbox.gateway.config..")
            .whereLayer("Start")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Api")
            .mayOnlyBeAccessedByLayers("Start")
            .whereLayer("Infrastructure")
            .mayOnlyBeAccessedByLayers("Start")
            .whereLayer("Application")
            .mayOnlyBeAccessedByLayers("Api", "Infrastructure", "Start")
            // Config may build domain value types from settings (TRUSTED_PROXIES).
            .whereLayer("Domain")
            .mayOnlyBeAccessedByLayers("Api", "Application", "Infrastructure", "Start", "Config")
            .whereLayer("Config")
            .mayOnlyBeAccessedByLayers("Api", "Application", "Infrastructure", "Start");
    rule.check(PRODUCT);
  }

  @Test
  void infrastructureNeverImportsApi() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("org.supportinbox.gateway.infrastructure..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.supportinbox.gateway.api..");
    rule.check(PRODUCT);
  }

  @Test
  void theDomainKnowsNoHttp() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("org.supportinbox.gateway.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.supportinbox.platform..", "jakarta.ws.rs..", "jakarta.servlet..");
    rule.check(PRODUCT);
  }
}
