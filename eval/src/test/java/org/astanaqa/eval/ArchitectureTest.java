package org.astanaqa.eval;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Evaluation measures the product through its front door: it uses the retrieval module's facade
 * ({@code org.astanaqa.retrieval}) and {@code util}, never the packages inside.
 */
class ArchitectureTest {
  static final String[] INSIDE_RETRIEVAL = {
    "org.astanaqa.retrieval.corpus..",
    "org.astanaqa.retrieval.text..",
    "org.astanaqa.retrieval.index..",
    "org.astanaqa.retrieval.search..",
    "org.astanaqa.retrieval.answer.."
  };

  @Test
  void evaluationUsesOnlyTheRetrievalFacade() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(INSIDE_RETRIEVAL)
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.astanaqa.eval"));
  }
}
