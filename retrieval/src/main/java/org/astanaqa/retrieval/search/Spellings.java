package org.astanaqa.retrieval.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The other English spelling of a word ("organisation" for "organization", "centre" for "center",
 * "favour" for "favor", "travelled" for "traveled"), so that a question in British spelling finds
 * documents in American spelling and the other way round. The question reader asks for them only
 * when the documents never use the word as typed, as it asks the speller, which cannot help here:
 * both spellings are real words, so neither is taken for a typo of the other.
 */
final class Spellings {
  private Spellings() {}

  /** The other spellings of {@code word} (any case), most likely first; empty when it has none. */
  static List<String> of(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    if (w.length() < 5 || !w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
      return out;
    }
    for (String end : new String[] {"isation", "isations", "isational"}) {
      swap(out, w, end, end.replace("isation", "ization"));
      swap(out, w, end.replace("isation", "ization"), end);
    }
    // -ise/-ize verbs and their forms ("stabilise", "recognised", "organising")
    for (String end : new String[] {"ise", "ised", "ises", "ising"}) {
      swap(out, w, end, end.replace('s', 'z'));
      swap(out, w, end.replace('s', 'z'), end);
    }
    // "favour", "behaviour", "neighbours", "honoured": -our and its forms
    for (String end : new String[] {"our", "ours", "oured", "ouring", "ourable", "ourite"}) {
      String us = end.substring(0, 1) + end.substring(2);
      if (w.length() >= end.length() + 3 && !w.endsWith("four") && !w.endsWith("hour")) {
        swap(out, w, end, us);
      }
    }
    for (String end : new String[] {"avor", "abor", "avior", "ighbor", "onor", "olor", "umor"}) {
      for (String form : new String[] {"", "s", "ed", "ing", "able", "ite"}) {
        String from = end + form;
        if (w.endsWith(from) && w.length() > from.length()) { // "favor", "honor": one letter before
          out.add(w.substring(0, w.length() - from.length()) + end.replace("or", "our") + form);
        }
      }
    }
    // "centre", "metres"; "center", "meters"
    swap(out, w, "tre", "ter");
    swap(out, w, "tres", "ters");
    for (String end : new String[] {"center", "centers", "theater", "theaters"}) {
      if (w.endsWith(end)) {
        out.add(w.substring(0, w.length() - end.length()) + end.replace("er", "re"));
      }
    }
    // "defence", "offence"; "defense", "offense"
    swap(out, w, "fence", "fense");
    swap(out, w, "fense", "fence");
    // "travelled", "cancelling"; "traveled", "canceling"
    swap(out, w, "elled", "eled");
    swap(out, w, "elling", "eling");
    swap(out, w, "eled", "elled");
    swap(out, w, "eling", "elling");
    if (w.endsWith("programme") || w.endsWith("programmes")) {
      out.add(w.replace("programme", "program"));
    }
    return out;
  }

  /** Adds {@code w} with its ending {@code from} written {@code to}, when it ends so. */
  private static void swap(List<String> out, String w, String from, String to) {
    if (w.endsWith(from) && w.length() > from.length() + 1) {
      String other = w.substring(0, w.length() - from.length()) + to;
      if (!other.equals(w) && !out.contains(other)) {
        out.add(other);
      }
    }
  }
}
