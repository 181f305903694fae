package org.astanaqa.retrieval;

/**
 * A corpus file that was not indexed, and why.
 *
 * @param path the file's path relative to the corpus folder
 * @param reason what was wrong with it, for a person to read
 */
public record SkippedFile(String path, String reason) {}
