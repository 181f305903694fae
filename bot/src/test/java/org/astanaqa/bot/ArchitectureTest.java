package org.astanaqa.bot;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bot's packages and the one direction of their dependencies, as the README's layout tells
 * them: an update is received ({@code telegram.receive}), routed ({@code telegram}), answered in
 * words with no Telegram types ({@code reply}), rendered ({@code render}) and sent ({@code
 * telegram.send}); logging is set up below all of them ({@code logging}).
 */
class ArchitectureTest {
  private static final String BOT = "org.astanaqa.bot";

  private static JavaClasses bot;

  @BeforeAll
  static void importTheBotsClasses() {
    bot =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BOT);
  }

  @Test
  void repliesAreWordsWithNoTelegramConsoleOrRendering() {
    classes()
        .that()
        .resideInAPackage(BOT + ".reply..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(BOT + ".reply..", "org.astanaqa.retrieval..", "java..")
        .check(bot);
  }

  @Test
  void renderingKnowsNoTelegramTypesAndNoFrontEnd() {
    noClasses()
        .that()
        .resideInAPackage(BOT + ".render..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.telegram..",
            "okhttp3..",
            BOT + ".telegram..",
            BOT + ".cli..",
            BOT + ".logging..",
            BOT + ".config..")
        .check(bot);
  }

  @Test
  void receivingNeitherRendersNorRoutesNorSends() {
    noClasses()
        .that()
        .resideInAPackage(BOT + ".telegram.receive..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            BOT + ".render..",
            BOT + ".reply..",
            BOT + ".telegram",
            BOT + ".telegram.send..",
            BOT + ".cli..")
        .check(bot);
  }

  @Test
  void sendingKnowsNothingOfReceivingRoutingOrWording() {
    noClasses()
        .that()
        .resideInAPackage(BOT + ".telegram.send..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            BOT + ".reply..", BOT + ".telegram", BOT + ".telegram.receive..", BOT + ".cli..")
        .check(bot);
  }

  @Test
  void loggingDependsOnNothingElseInTheBotButTheConfigurationsError() {
    noClasses()
        .that()
        .resideInAPackage(BOT + ".logging..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            BOT, BOT + ".cli..", BOT + ".telegram..", BOT + ".render..", BOT + ".reply..")
        .check(bot);
  }

  /**
   * Main on top, then the command line, the Telegram front end, and below them what they share.
   * Each layer is used only by the layers named; the engine holder ({@code org.astanaqa.bot}
   * without Main) uses no front end.
   */
  @Test
  void layersAreUsedOnlyFromAbove() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("Main")
        .definedBy(equivalentTo(Main.class))
        .layer("Command line")
        .definedBy(BOT + ".cli..")
        .layer("Telegram")
        .definedBy(BOT + ".telegram")
        .layer("Receiving")
        .definedBy(BOT + ".telegram.receive..")
        .layer("Sending")
        .definedBy(BOT + ".telegram.send..")
        .layer("Rendering")
        .definedBy(BOT + ".render..")
        .layer("Replies")
        .definedBy(BOT + ".reply..")
        .layer("Engine")
        .definedBy(resideInAPackage(BOT).and(not(equivalentTo(Main.class))))
        .layer("Logging")
        .definedBy(BOT + ".logging..")
        .layer("Configuration")
        .definedBy(BOT + ".config..")
        .whereLayer("Main")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("Command line")
        .mayOnlyBeAccessedByLayers("Main")
        .whereLayer("Telegram")
        .mayOnlyBeAccessedByLayers("Command line")
        .whereLayer("Receiving")
        .mayOnlyBeAccessedByLayers("Telegram")
        .whereLayer("Sending")
        .mayOnlyBeAccessedByLayers("Telegram", "Command line")
        .whereLayer("Rendering")
        .mayOnlyBeAccessedByLayers("Telegram", "Sending", "Command line")
        .whereLayer("Replies")
        .mayOnlyBeAccessedByLayers("Telegram", "Rendering", "Command line")
        .whereLayer("Engine")
        .mayOnlyBeAccessedByLayers("Telegram", "Command line")
        .check(bot);
  }

  /**
   * No cycle between the packages below {@code org.astanaqa.bot} (such as telegram and
   * telegram.receive). The root package itself is not a slice: Main calls the command line, which
   * uses the engine beside Main; the layers above hold the root's direction.
   */
  @Test
  void packagesHaveNoCycles() {
    slices().matching(BOT + ".(**)").should().beFreeOfCycles().check(bot);
  }

  @Test
  void theEngineIsReachedOnlyThroughTheRetrievalFacade() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.astanaqa.retrieval.corpus..",
            "org.astanaqa.retrieval.text..",
            "org.astanaqa.retrieval.index..",
            "org.astanaqa.retrieval.search..",
            "org.astanaqa.retrieval.answer..")
        .because("only org.astanaqa.retrieval and its util package are the engine's API")
        .check(bot);
  }
}
