package org.astanaqa.bot.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.astanaqa.bot.Engine;
import org.astanaqa.bot.config.ConfigException;
import org.astanaqa.retrieval.EvalQuestion;
import org.astanaqa.retrieval.Evaluation;
import org.astanaqa.retrieval.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Runs a questions file and prints hit@1, hit@3, MRR, not-found accuracy and latency. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate the engine on a questions file (JSON lines: q, expect, docs, none).")
final class EvalCommand implements Callable<Integer> {
  @ParentCommand AstanaQa root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "Questions file, e.g. ../shared/eval/dev-questions.jsonl")
  Path file;

  @Option(names = "--json", description = "Print the metrics as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("questions file " + file + " does not exist");
    }
    List<EvalQuestion> questions;
    try {
      questions = EvalQuestion.readJsonl(file);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Engine engine = Engine.open(root.config(), ProgressListener.NONE, false)) {
      Evaluation.Report r = Evaluation.run(engine.answerer(), questions, 3);
      if (json) {
        out.println(JsonMapper.builder().build().writeValueAsString(r));
      } else {
        out.printf(Locale.ROOT,
            "%d questions (%d answerable, %d out of scope) on %s%n"
                + "hit@1 %.3f  answer@1 %.3f  hit@3 %.3f  MRR %.3f  not-found accuracy %.3f  false not-found %.3f%n"
                + "latency once warm: p50 %.2f ms  p95 %.2f ms (first pass, cold: p50 %.2f ms)%n",
            r.questions(), r.answerable(), r.unanswerable(), engine.corpusName(), r.hitAt1(), r.answerAt1(), r.hitAt3(),
            r.mrr(), r.notFoundAccuracy(), r.falseNotFound(), r.p50Millis(), r.p95Millis(), r.coldP50Millis());
        for (Evaluation.Failure f : r.failures()) {
          out.printf("MISS %s%n  expected: %s%n  got: %s%n", f.question(), f.expected(), f.got());
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
