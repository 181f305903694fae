package org.astanaqa.retrieval.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astanaqa.retrieval.Passage;
import org.astanaqa.retrieval.text.Analyzers;
import org.astanaqa.retrieval.text.Countries;
import org.astanaqa.retrieval.text.Sentences;
import org.astanaqa.retrieval.text.Speakers;

/**
 * Whether a quote has someone else say what the question asks a person said: "What did John Ging
 * tell the Security Council?" shares "John Ging" and "Security Council" with "Mr. Umarov
 * (Kazakhstan): We join others in thanking ... Mr. John Ging", in which Kazakhstan's envoy speaks
 * and Mr. Ging is only thanked. The documents quote a few people and mention many more; a passage
 * that mentions the person asked about but gives the word to another does not say what that person
 * said.
 *
 * <p>The question asks what a named person said, told, reported... ("What did X say ...?"); the
 * passage names that person (a capitalised word, no country); and neither the passage's own
 * speakers ({@link Speakers#named}) nor the one it quotes without naming ({@link Passage#speaker})
 * is that person. Who the person is read from their last word, the surname.
 */
public final class OtherSpeakers {
  private OtherSpeakers() {}

  /** Courtesy titles before a name, which passages often leave out. */
  private static final Set<String> TITLES = Set.of("mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr");

  /**
   * "What did X say", "what has X told": the words between the auxiliary and the verb. After "has"
   * or "had" the verb is a participle ("What has Kazakhstan said about nuclear weapons?"), which
   * the pattern read as no verb at all, so such a question escaped both checks below.
   */
  private static final Pattern ASKS_WHAT_SAID =
      Pattern.compile(
          "^(?:(?:and|so|but)\\s+)?(?:what|how)\\s+(?:did|does|do|has|have|had|will|would)\\s+"
              + "(.{2,60}?)\\s+(?:actually\\s+|really\\s+)?(?:say|said|tell|told|repl(?:y|ied)"
              + "|(?:report|brief|state|announce|stress|warn|urge|respond|explain|declare|claim)"
              + "(?:e?d)?)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * The verbs of saying a Russian question's English has ("сказал": "said"; "подчеркнул":
   * "stress").
   */
  private static final String TRANSLATED_SAY =
      "(?:say|says|said|told|tells|repl(?:y|ied)|reported|stated|announced|stress(?:ed)?|warned"
          + "|urge[sd]?|responded|explained|declared|claimed|emphasi[sz]e[sd]?)";

  /**
   * A Russian question's word-by-word English ({@code RussianQuery}) of "Что Джон Гинг сказал о
   * ситуации в Идлибе?": "what john ging said situation idlib", with no auxiliary; the one to four
   * words between "what" and the verb name who is asked about, as in {@link #ASKS_WHAT_SAID}. Not
   * "state" or "states", nouns as often ("the syrian state should include"); and not the verb first
   * ("what said lavrentyev iran"), whose words after it may name whom he spoke of.
   */
  private static final Pattern TRANSLATED_ASKS_WHAT_SAID =
      Pattern.compile(
          "^(?:what|how)\\s+(?!"
              + TRANSLATED_SAY
              + "\\b)(\\S+(?:\\s+\\S+){0,3}?)\\s+"
              + TRANSLATED_SAY
              + "\\b",
          Pattern.CASE_INSENSITIVE);

  /** Who a question asks what they said, in its words; null when it asks no such thing. */
  private static String askedWhatSaid(String question, boolean translated) {
    Matcher m = (translated ? TRANSLATED_ASKS_WHAT_SAID : ASKS_WHAT_SAID).matcher(question.strip());
    return m.find() ? m.group(1) : null;
  }

  /**
   * The question's words that name the person asked about (lower case), when {@code passage} names
   * them but has someone else speak; empty otherwise.
   */
  public static Set<String> notSpeaking(String question, Passage passage) {
    return notSpeaking(question, false, passage);
  }

  /**
   * As {@link #notSpeaking(String, Passage)}, for {@code question} as searched: a Russian
   * question's word-by-word English when {@code translated}.
   */
  public static Set<String> notSpeaking(String question, boolean translated, Passage passage) {
    String asked = askedWhatSaid(question, translated);
    if (asked == null) {
      return Set.of();
    }
    List<String> name = new ArrayList<>();
    for (String w : asked.split("\\s+")) {
      String l = w.toLowerCase(Locale.ROOT).replaceAll("[’']s$", "");
      if (l.equals("the") && name.isEmpty() || TITLES.contains(l)) {
        continue;
      }
      // a name's words, each capitalised where the passage writes it: "the delegations in Astana"
      // and "Iran's foreign minister" name nobody
      if (!Speakers.NAME_PARTICLES.contains(l)
          && (Analyzers.FUNCTION_WORDS.contains(l)
              || Countries.countryOf(l) != null
              || !mentionedByName(passage.text(), l))) {
        return Set.of();
      }
      name.add(l);
    }
    if (name.isEmpty()) {
      return Set.of();
    }
    String lower = name.get(name.size() - 1);
    if (lower.length() < 3) {
      return Set.of();
    }
    if (speaks(passage.speaker(), lower)) {
      return Set.of();
    }
    for (String speaker : Speakers.named(passage.text())) {
      if (speaks(speaker, lower)) {
        return Set.of();
      }
    }
    return attributes(passage.text(), lower) ? Set.of() : Set.copyOf(name);
  }

  /**
   * Offices and bodies that speak for a country: "Iran's foreign minister", "the US delegation".
   */
  private static final Set<String> SPEAKS_FOR_A_COUNTRY =
      Set.of(
          "minister",
          "ministers",
          "ministry",
          "delegation",
          "delegations",
          "delegate",
          "delegates",
          "observer",
          "observers",
          "envoy",
          "envoys",
          "president",
          "representative",
          "representatives",
          "spokesman",
          "spokeswoman",
          "spokesperson",
          "ambassador",
          "diplomat",
          "diplomats",
          "official",
          "officials",
          "leader",
          "leaders",
          "government",
          "side",
          "negotiator",
          "negotiators",
          "mission");

  /** Words after which a country is not who speaks: "the UN envoy for Syria". */
  private static final Set<String> NOT_THE_SPEAKER_AFTER =
      Set.of(
          "for", "to", "in", "on", "at", "with", "about", "against", "toward", "towards", "into",
          "over", "near", "between", "among");

  /** Words after a country's adjective that make a party of it, not its voice: "Syrian rebels". */
  private static final Set<String> NOT_THE_COUNTRY =
      Set.of(
          "opposition",
          "opposition's",
          "rebels",
          "rebel",
          "armed",
          "kurds",
          "kurdish",
          "militants",
          "militias",
          "refugees",
          "media",
          "press",
          "people",
          "civilians");

  /**
   * The question's words that name a country, or its office or body, asked what it said ("What did
   * Iran's foreign minister say about the memorandum?", "What did the US delegation say?"), when
   * nothing in {@code passage} gives that country the word: its document's title and publisher do
   * not name the country (a statement of Kazakhstan's, a Russian agency's report), no speaker is
   * named in it nor leant on (who may speak for it), and no sentence of it has the country and a
   * verb of speech. Empty otherwise.
   */
  public static Set<String> countryNotSpeaking(String question, Passage passage) {
    return countryNotSpeaking(question, false, passage);
  }

  /**
   * As {@link #countryNotSpeaking(String, Passage)}, for {@code question} as searched: a Russian
   * question's word-by-word English when {@code translated} ("what usa said meeting astana").
   */
  public static Set<String> countryNotSpeaking(
      String question, boolean translated, Passage passage) {
    String asked = askedWhatSaid(question, translated);
    if (asked == null) {
      return Set.of();
    }
    String country = null;
    Set<String> words = new java.util.HashSet<>();
    String[] said = asked.toLowerCase(Locale.ROOT).split("\\s+");
    for (int i = 0; i < said.length; i++) {
      String l = said[i].replaceAll("[’']s$", "");
      String c = Countries.countryOf(l);
      // "the UN envoy for Syria", "the envoy to Syria": the country is whom the speaker serves or
      // visits; "the Syrian opposition": a party of the country's, not the country, speaks
      boolean speaker =
          (i == 0 || !NOT_THE_SPEAKER_AFTER.contains(said[i - 1]))
              && (i + 1 == said.length || !NOT_THE_COUNTRY.contains(said[i + 1]));
      if (c != null && country == null && speaker) {
        country = c;
        words.add(l);
      }
      if (SPEAKS_FOR_A_COUNTRY.contains(l)) {
        words.add(l);
      }
    }
    if (country == null) {
      return Set.of();
    }
    String source =
        java.util.Objects.toString(passage.source().title(), "")
            + " "
            + java.util.Objects.toString(passage.source().publisher(), "");
    if (namesCountry(source, country)
        || codeNamesCountry(passage.source().title(), country)
        || !passage.speaker().isEmpty()
        || !Speakers.named(passage.text()).isEmpty()) {
      return Set.of();
    }
    String text = passage.text();
    for (org.astanaqa.retrieval.Span sentence : Sentences.split(text)) {
      String sentenceText = text.substring(sentence.start(), sentence.end());
      if (namesCountry(sentenceText, country) && COUNTRY_SPEECH.matcher(sentenceText).find()) {
        return Set.of();
      }
    }
    return Set.copyOf(words);
  }

  /** Verbs that give a person or a country views as much as words, for both checks below. */
  private static final String VIEWS =
      "argued|argues|believed|believes|called|calls|reported|reports|proposed|insisted|expressed"
          + "|acknowledged|denied|confirmed";

  /**
   * Verbs with which a text gives a country the word or a view ("Kazakhstan welcomes the
   * agreements"): {@link Speakers#SAYS} and verbs of a stated position; not "states", which is as
   * often the noun ("the guarantor states").
   */
  private static final Pattern COUNTRY_SPEECH =
      Pattern.compile(
          "\\b(?:"
              + Speakers.SAYS
              + "|"
              + VIEWS
              + "|expresses|proposes|welcomed|welcomes|supported|supports|insists|stated"
              // a stance taken is a view given: "Turkey rejected the claims", "Iran reaffirmed its
              // commitment", "Iran condemned the strikes, calling them ...", "according to Tehran"
              + "|condemned|condemns|rejected|rejects|denies|agreed|agrees|reaffirmed"
              + "|reaffirms|reiterated|reiterates|confirms|affirmed|affirms|hoped|hopes"
              + "|demanded|demands|accused|accuses|opposed|opposes|critici[sz]ed"
              + "|critici[sz]es|praised|praises|voiced|voices|acknowledges|saying"
              + "|calling|according\\s+to)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Whether {@code text} names {@code country} or has a word that stands for it ("Iranian"). */
  private static boolean namesCountry(String text, String country) {
    String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+");
    for (String w : words) {
      if (!w.isEmpty() && country.equals(Countries.countryOf(w))) {
        return true;
      }
    }
    // "United States", "Saudi Arabia": names of two words, as words ("oman" is not in "woman")
    return country.indexOf(' ') > 0
        && (" " + String.join(" ", words) + " ").contains(" " + country + " ");
  }

  /**
   * Whether {@code title}, a document's title that is a file name (no spaces), names {@code
   * country} by its ISO 3166 code in capitals: a document with no title of its own is titled by its
   * file name, and the UN General Debate speeches are named by their country's code
   * ("KAZ_73_2018.txt"). A speech says "my country", never its own name, so "What did Kazakhstan
   * say about nuclear weapons?" was cut as asking a country that does not speak there, and answered
   * "not found".
   */
  private static boolean codeNamesCountry(String title, String country) {
    // A title or a publisher in words ("WHAT CAN THE DEBATE ACHIEVE", "CAN DO") is no file name:
    // "CAN" is Canada's code, "ARE" the Emirates', "AND" Andorra's.
    return Countries.ofFileName(title).contains(country);
  }

  /** Whether {@code text} has {@code word} capitalised: a name, not "general". */
  private static boolean mentionedByName(String text, String word) {
    Matcher m =
        Pattern.compile("\\b" + Pattern.quote(word) + "\\b", Pattern.CASE_INSENSITIVE)
            .matcher(text);
    while (m.find()) {
      if (Character.isUpperCase(text.charAt(m.start()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Verbs with which a text gives someone words or views: those {@link Speakers} reads, and those
   * it leaves out because they attribute views as much as speech ("wrote", "argued", "believes").
   */
  private static final String SPEECH =
      "(?:"
          + Speakers.SAYS
          + "|"
          + VIEWS
          + "|tells|wrote|writes|states|claimed|claims|described|describes|suggested|asked"
          + "|replied|briefed|answered|responded|commented|mentioned|admitted)";

  /**
   * Whether {@code text} has the person of {@code surname} say something in a way {@link Speakers}
   * does not read: the name and a verb of speech within a few words, in either order ("Darwin later
   * wrote", "as described by Darwin"), or after the name's apposition ("Alexander Lavrentyev, the
   * Special Presidential Envoy for the Syrian Settlement, said").
   */
  private static boolean attributes(String text, String surname) {
    String name = "\\b" + Pattern.quote(surname) + "\\b";
    return Pattern.compile(
            name
                + "[^.;:!?]{0,40}?\\b"
                + SPEECH
                + "\\b|\\b"
                + SPEECH
                + "\\b[^.;:!?]{0,40}?"
                + name
                + "|"
                + name
                + "\\s*,[^,.;:!?]{1,120},\\s*(?:\\p{L}+\\s+)?"
                + SPEECH
                + "\\b",
            Pattern.CASE_INSENSITIVE)
        .matcher(text)
        .find();
  }

  private static boolean speaks(String speaker, String surname) {
    for (String w : speaker.toLowerCase(Locale.ROOT).split("[\\s\\-]+")) {
      if (w.equals(surname)) {
        return true;
      }
    }
    return false;
  }
}
