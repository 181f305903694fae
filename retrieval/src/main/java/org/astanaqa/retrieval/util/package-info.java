/**
 * Small helpers the engine and the front ends share: a bounded LRU map, a percentile and SHA-256
 * hex digests, the reason a file operation failed. Part of the API; depends on nothing else of the
 * module.
 */
package org.astanaqa.retrieval.util;
