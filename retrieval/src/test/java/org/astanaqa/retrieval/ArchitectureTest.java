package org.astanaqa.retrieval;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module's shape, checked: data flows one way through its packages (files -> documents ->
 * passages -> index -> ranked passages -> quotes and confidence), and the facade package sits on
 * top. A class may use the packages before it in {@link #FLOW}, the facade's values and {@code
 * util}; nothing inside uses the facade's {@link QuestionAnswerer} itself.
 */
class ArchitectureTest {
  private static final String ROOT = "org.astanaqa.retrieval";

  /** The internal packages in the order the data flows through them. */
  static final List<String> FLOW = List.of("corpus", "text", "index", "search", "answer");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(ROOT);
  }

  @Test
  void eachPackageUsesOnlyThePackagesBeforeItInTheFlow() {
    for (int i = 0; i < FLOW.size(); i++) {
      String[] later =
          FLOW.subList(i + 1, FLOW.size()).stream()
              .map(p -> ROOT + "." + p + "..")
              .toArray(String[]::new);
      if (later.length == 0) {
        continue;
      }
      noClasses()
          .that()
          .resideInAPackage(ROOT + "." + FLOW.get(i) + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(later)
          .because(
              FLOW.get(i) + " comes before " + String.join(", ", FLOW.subList(i + 1, FLOW.size())))
          .check(classes);
    }
  }

  @Test
  void nothingInsideUsesTheFacadeItself() {
    noClasses()
        .that()
        .resideInAnyPackage(FLOW.stream().map(p -> ROOT + "." + p + "..").toArray(String[]::new))
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(QuestionAnswerer.class)
        .check(classes);
  }

  @Test
  void utilDependsOnNothingElseOfTheModule() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".util..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            java.util.stream.Stream.concat(
                    FLOW.stream().map(p -> ROOT + "." + p + ".."), java.util.stream.Stream.of(ROOT))
                .toArray(String[]::new))
        .check(classes);
  }
}
