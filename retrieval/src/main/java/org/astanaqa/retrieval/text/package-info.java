/**
 * Internal, step 2 of the flow: documents become sentences and passages, and text becomes terms
 * (the analyzers the index and the queries share). Uses {@code corpus}.
 */
package org.astanaqa.retrieval.text;
