/**
 * Answers questions over a folder of documents by quoting the best-matching passages.
 *
 * <p>Data flows one way: files ({@link CorpusReader}) -> documents with metadata ({@link Metadata})
 * -> passages ({@link PassageSplitter}) -> a Lucene index ({@link PassageIndexer}, {@link
 * IndexStore}) -> ranked passages ({@link QuestionQuery}, {@link Ranker}) -> quotes ({@link
 * QuoteSelector}). {@link QuestionAnswerer} is the facade; {@link Answer}, {@link Quote}, {@link
 * Passage} and {@link Source} are the values it returns.
 */
package org.astanaqa.retrieval;
