package org.supportinbox.messaging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Messaging's layers point one way (docs/architecture.md draws them): the REST resources ({@code
 * api}) call the use cases ({@code application}), which reach the database and the broker only
 * through ports ({@code ApplicationEvents}, the domain's repositories) that {@code infrastructure}
 * implements (JPA repositories, the outbox and its relay, the RabbitMQ publisher); {@code domain}
 * knows none of them and no HTTP; start-up in the root package wires it all.
 */
class LayersTest {

  private static final JavaClasses PRODUCT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.supportinbox.messaging");

  @Test
  void layersPointOneWay() {
    ArchRule rule =
        layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Start")
            .definedBy("org.supportinbox.messaging")
            .layer("Api")
            .definedBy("org.supportinbox.messaging.api..")
            .layer("Application")
            .definedBy("org.supportinbox.messaging.application..")
            .layer("Domain")
            .definedBy("org.supportinbox.messaging.domain..")
            .layer("Infrastructure")
            .definedBy("org.supportinbox.messaging.infrastructure..")
            .layer("Config")
            .definedBy("org.supportinbox.messaging.config..")
            .whereLayer("Start")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Api")
            .mayOnlyBeAccessedByLayers("Start")
            .whereLayer("Infrastructure")
            .mayOnlyBeAccessedByLayers("Start")
            .whereLayer("Application")
            .mayOnlyBeAccessedByLayers("Api", "Infrastructure", "Start")
            .whereLayer("Domain")
            .mayOnlyBeAccessedByLayers("Api", "Application", "Infrastructure", "Start")
            .whereLayer("Config")
            .mayOnlyBeAccessedByLayers("Api", "Application", "Infrastructure", "Start");
    rule.check(PRODUCT);
  }

  @Test
  void infrastructureNeverImportsApi() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("org.supportinbox.messaging.infrastructure..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.supportinbox.messaging.api..");
    rule.check(PRODUCT);
  }

  @Test
  void theDomainKnowsNoHttp() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("org.supportinbox.messaging.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.supportinbox.platform..", "jakarta.ws.rs..", "jakarta.servlet..");
    rule.check(PRODUCT);
  }
}
