/**
 * Internal, step 3 of the flow: passages become a Lucene index (one codec between Lucene documents
 * and passages in {@code PassageIndexer}), kept live over the corpus folder by {@code IndexStore},
 * searched through one {@code IndexView} per reader, with passage vectors cached by content. Uses
 * {@code corpus} and {@code text}.
 */
package org.astanaqa.retrieval.index;
