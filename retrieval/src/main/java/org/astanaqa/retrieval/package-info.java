/**
 * Answers questions over a folder of documents by quoting the best-matching passages. This package
 * is the module's API: {@link QuestionAnswerer} is the facade, and {@link Answer}, {@link Quote},
 * {@link DirectAnswer}, {@link Passage}, {@link Source} and {@link Span} are the values it returns.
 * {@link Settings}, {@link Mode}, {@link DenseModel} and {@link Embedder} configure it; {@link
 * IndexReport} says what a build did; {@link ConfidenceModel} is the fitted confidence a weights
 * file holds. {@code util} holds three small helpers the front ends share.
 *
 * <p>Everything else is internal (not API; {@code ArchitectureTest} checks that the command line
 * and the evaluation use only this package), and data flows one way through it:
 *
 * <ol>
 *   <li>{@code corpus}: files become documents with metadata ({@code CorpusReader}, {@code
 *       Metadata}, one reader per format);
 *   <li>{@code text}: documents become sentences and passages ({@code PassageSplitter}, {@code
 *       Sentences}, the analyzers);
 *   <li>{@code index}: passages become a Lucene index with vectors ({@code PassageIndexer}, {@code
 *       IndexStore}, {@code IndexView});
 *   <li>{@code search}: a question becomes a query ({@code QuestionText}, {@code QuestionQuery},
 *       {@code RussianQuery}, {@code FollowUps}) and ranked passages with their best sentences
 *       ({@code Ranker}, {@code QuoteSelector});
 *   <li>{@code answer}: how likely a quote answers ({@code Confidence}, the not-found decision) and
 *       the short fact in it ({@code AnswerExtractor}).
 * </ol>
 *
 * A package uses only the packages before it, the values of this one and {@code util}.
 */
package org.astanaqa.retrieval;
