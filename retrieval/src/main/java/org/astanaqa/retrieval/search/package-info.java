/**
 * Internal, step 4 of the flow: a question becomes a query and ranked passages. {@code
 * QuestionText} trims what people type, {@code QuestionQuery} (English) and {@code RussianQuery}
 * build the Lucene query, {@code FollowUps} decides when a question leans on the last one, {@code
 * Ranker} pools BM25 and vector hits and re-ranks them, and {@code QuoteSelector} picks each
 * passage's best one or two sentences: where a passage becomes a quote. Uses {@code corpus}, {@code
 * text} and {@code index}.
 */
package org.astanaqa.retrieval.search;
