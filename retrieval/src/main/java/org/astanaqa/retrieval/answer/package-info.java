/**
 * Internal, step 5 of the flow: how likely a quote answers its question ({@code Confidence}, a
 * logistic model over the ranking's signals; "not found" is a threshold on it; {@code
 * RivalModifiers}, {@code HopedOutcomes}, {@code RivalYears} and {@code OtherSpeakers} say which of
 * the question's words a quote only seems to hold) and the short fact a quote holds ({@code
 * AnswerExtractor}: dates, numbers, names, places). Uses the packages before it.
 */
package org.astanaqa.retrieval.answer;
