/**
 * Evaluation of the engine through its facade: question files ({@link EvalQuestion}) and what they
 * score ({@link Evaluation}, {@link FollowUpEvaluation}, {@link DirectEvaluation}), public
 * benchmarks (BEIR and SQuAD readers, the plain BM25 baseline, in {@link Benchmarks} and {@link
 * Bm25Baseline}), ranking metrics as trec_eval computes them ({@link Metrics}), and the
 * confidence's answerability figures and fit ({@link Answerability}, {@link ConfidenceFit}). Used
 * by the command line's {@code eval}; not part of the retrieval module's API.
 */
package org.astanaqa.eval;
