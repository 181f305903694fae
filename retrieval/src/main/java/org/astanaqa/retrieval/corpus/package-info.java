/**
 * Internal, step 1 of the flow: files become documents. Lists a folder, reads each supported format
 * (plain text, Markdown, HTML, PDF, Word, OpenDocument) to text, repairs line-end hyphens, and
 * takes each document's metadata from {@code metadata.json} or the file itself. Uses no other
 * internal package.
 */
package org.astanaqa.retrieval.corpus;
