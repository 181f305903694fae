package org.astanaqa.retrieval.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Common English words: the whole-word entries of the MiniLM tokenizer's vocabulary (BERT's uncased
 * WordPiece list, about 20,000 words), which ships in the jar with the model. A word found here is
 * a real word the corpus happens not to use ("want", "fell"), so it is never "corrected" to a
 * corpus word one letter away ("went", "full").
 */
public final class EnglishWords {
  private static final String VOCABULARY = "/all-minilm-l6-v2-q-tokenizer.json";

  private EnglishWords() {}

  /** Loaded on first use: about 50 ms, once per process. */
  private static final class Holder {
    static final Set<String> WORDS = load();
  }

  /** Whether {@code word} (any case) is a common English word. */
  public static boolean contains(String word) {
    return Holder.WORDS.contains(word.toLowerCase(Locale.ROOT));
  }

  private static Set<String> load() {
    Set<String> words = new HashSet<>();
    try (InputStream in = EnglishWords.class.getResourceAsStream(VOCABULARY)) {
      if (in == null) {
        return Set.of(); // a build without the model: every unknown word may be corrected
      }
      try (JsonParser p = new JsonFactory().createParser(in)) {
        boolean inVocab = false;
        int depth = 0;
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          if (t == JsonToken.START_OBJECT) {
            depth++;
          } else if (t == JsonToken.END_OBJECT) {
            depth--;
            if (inVocab) {
              break; // one vocabulary is all there is to read
            }
          } else if (t == JsonToken.FIELD_NAME && depth == 2 && p.currentName().equals("vocab")) {
            inVocab = p.nextToken() == JsonToken.START_OBJECT;
            depth++;
          } else if (inVocab && t == JsonToken.FIELD_NAME) {
            String w = p.currentName();
            if (w.length() > 1 && w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
              words.add(w);
            }
          }
        }
      }
    } catch (IOException e) {
      return Set.of();
    }
    return Set.copyOf(words);
  }
}
