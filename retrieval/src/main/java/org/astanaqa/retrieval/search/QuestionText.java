package org.astanaqa.retrieval.search;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astanaqa.retrieval.corpus.EnglishWords;
import org.astanaqa.retrieval.text.Analyzers;

/**
 * What a person typed, reduced to the question: markup tags, emoji, greetings, politeness, chat
 * before the question ("sorry if this is a dumb question but ...") and trailing noise ("thanks",
 * "pls", "? 0") removed, so that how someone types does not change which passage is quoted. Only
 * the edges of the question are trimmed: a word such as "thank" inside the question ("Whom did
 * Kazakhstan thank?") stays.
 */
public final class QuestionText {
  /** A markup tag as pasted from a web page or typed by mistake: {@code <b>}, {@code </i>}. */
  private static final Pattern TAG = Pattern.compile("</?[A-Za-z][A-Za-z0-9]{0,10}\\s*/?>");

  /** A script or style element pasted with the question: its content is code, not words. */
  private static final Pattern SCRIPT =
      Pattern.compile(
          "<(script|style)\\b[^>]{0,200}>.{0,2000}?</\\1\\s*>",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** A Markdown link ("[the text](http://...)"): its text is what was written. */
  private static final Pattern MARKDOWN_LINK =
      Pattern.compile("\\[([^\\]\\n]{1,200})\\]\\((?:https?://|www\\.)[^)\\s]{0,500}\\)");

  /**
   * A terminal's escape sequence pasted with a question (a colour, "ESC[31m"; a window title,
   * "ESC]0;...BEL") or any other control character: "Astana ESC[31mguarantors" was searched as
   * "31mguarantors", a word the documents never use, and answered "not found".
   *
   * <p>Besides these, only the short escape sequences that terminals send or print go with the ESC:
   * a character set ("ESC(B"), save and restore the cursor ("ESC7", "ESC8"), the keypad modes
   * ("ESC=", "ESC>"), a key of the keypad ("ESCOA", F1 "ESCOP"), reverse index ("ESCM"), the string
   * terminator ("ESC\\") and the reset ("ESCc"). A lone ESC before any other letter took the letter
   * with it: "Astana ESCguarantors" was searched as "Astana uarantors".
   */
  private static final Pattern CONTROLS =
      Pattern.compile(
          "\u001B\\[[0-?]*[ -/]*[@-~]|\u009B[0-?]*[ -/]*[@-~]"
              + "|\u001B\\][^\u0007\u001B]{0,200}(?:\u0007|\u001B\\\\)?"
              // a key's or a reset's letter only when no word goes on after it: "ESC Moscow" keeps
              // its "M", "ESC OSCE" its "OS"
              + "|\u001B(?:[!-/]+[0-~]|O[A-DFHP-S](?!\\p{L})|[78=>\\\\]|[Mc](?!\\p{L}))?|\\p{Cc}");

  /**
   * Characters that only shape how a word is drawn: zero-width spaces and joiners, soft hyphens.
   */
  private static final Pattern INVISIBLE = Pattern.compile("[\u00AD\u200B-\u200D\u2060\uFEFF]");

  /**
   * The question as the keyboard meant it: fullwidth letters ("Ｗｈｏ ｗｅｒｅ ...", typed with an East
   * Asian input method) and compatibility forms (ligatures such as "ﬁ") as plain letters (NFKC),
   * and without the invisible characters a copy and paste brings inside words ("Ast\u200Bana").
   * Before, both were "not found".
   */
  public static String normalized(String typed) {
    String s = INVISIBLE.matcher(typed).replaceAll("");
    return java.text.Normalizer.isNormalized(s, java.text.Normalizer.Form.NFKC)
        ? s
        : java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKC);
  }

  /** {@link #CONTROLS} as spaces. */
  static String withoutControls(String typed) {
    return CONTROLS.matcher(typed).replaceAll(" ");
  }

  /** Emoji, pictographs and their joiners and variation selectors. */
  private static final Pattern EMOJI =
      Pattern.compile("[\\p{So}\\p{Cs}\\x{200D}\\x{FE0E}\\x{FE0F}\\x{1F3FB}-\\x{1F3FF}]+");

  /** A question word ("who", "which", "how"), as a regex group. */
  private static final String QUESTION_WORD =
      "(?:" + String.join("|", Analyzers.INTERROGATIVES) + ")";

  /** Words that open a question: question words and the verbs a yes-no question starts with. */
  private static final String QUESTION_START =
      "(?:who|whom|whose|what|which|when|where|why|how|did|does|do|is|are|was|were|has|have|had"
          + "|can|could|will|would|should)\\b";

  /** An emoji between chat and the question: "writing an essay 📚 did ...". */
  private static final Pattern EMOJI_BEFORE_QUESTION =
      Pattern.compile("(?<=\\p{L})\\s*" + EMOJI.pattern() + "\\s+(?=(?i:" + QUESTION_START + "))");

  private static final String GREETING =
      "(?:(?:hi+|hell?o+|hey+)\\s+again|hi+|hell?o+|hey+|hiya|heya|howdy|yo|greetings|lol|haha"
          + "|good\\s+(?:morning|afternoon|evening|day)|(?:morning|afternoon|evening)(?=\\s*[,.!:;-])"
          + "|dear\\s+bot|excuse\\s+me|pardon(?:\\s+me|(?=\\s*[,.!:;-]))"
          // "Hi, hope you're well. What ...?"
          + "|(?:i\\s+)?hope\\s+(?:you'?re|you\\s+are|u\\s+r|ur|all\\s+is)\\s+(?:well|good|fine|ok(?:ay)?"
          + "|doing\\s+(?:well|good|fine))"
          + "|ok(?:ay)?|so|um+|hmm+|well|btw|by\\s+the\\s+way|also|bot|there|quick\\s+(?:question|q|one)"
          // "question 2:", "Q3." ("q2)" is a list number)
          + "|(?:question|q)\\s*(?:#|no\\.?\\s*)?\\d+(?=\\s*[,.:!;-])"
          + "|(?:a\\s+)?question(?:\\s+for\\s+(?:you|u))?|q|help(?:\\s+me)?|next\\s+one"
          + "|one\\s+more(?:\\s+(?:question|thing))?|another\\s+(?:question|one)"
          // "2 questions, first one:", "sorry to bother you", "I was wondering"
          + "|(?:\\d|two|three|four|a\\s+few|some|a\\s+couple(?:\\s+of)?)\\s+(?:quick\\s+)?(?:questions|things)(?=\\s*[,.:!;-])"
          + "|(?:hi|hey|hello)?\\s*(?:team|guys|folks|all|everyone)(?=\\s*[,.:!;-])"
          + "|(?:the\\s+)?(?:first|second|third|next|last)\\s+(?:one|question|q)(?=\\s*[,.:!;-])"
          + "|first\\s+of\\s+all|(?:first|second|third|next|then)(?=\\s*[:,])"
          // "now 2 things... actually just 1: what ..."
          + "|(?:now|actually)(?=\\s*[,.:!;-]|\\s+(?:\\d|two|three|just|a\\s+few)\\b)"
          + "|just\\s+(?:1|one)(?:\\s+(?:question|thing|q))?(?=\\s*[,.:!;-])"
          + "|sorry(?:\\s+to\\s+(?:bother|disturb|trouble)(?:\\s+(?:you|u))?)?"
          + "|i\\s+(?:have|'ve\\s+got|got)\\s+(?:a\\s+)?(?:quick\\s+)?question"
          + "|i\\s+was\\s+wondering|i\\s+wonder|just\\s+wondering|i'?m\\s+curious"
          + "|(?:can|could|may)\\s+i\\s+ask(?:\\s+(?:you|u))?(?:\\s+something)?"
          + "|let\\s+me\\s+ask(?:\\s+(?:you|u))?)";
  private static final String ASK =
      "(?:(?:please|pls|plz|pl[sz]e?)\\s+)?(?:(?:can|could|would|will)\\s+(?:you|u)\\s+(?:please\\s+"
          + "|pls\\s+|plz\\s+)?(?:tell|say|explain\\s+to)\\s+me|tell\\s+me|i\\s+(?:want|wanna|would\\s+like"
          + "|'d\\s+like|d\\s+like|need|would\\s+love)\\s+to\\s+know|i'?d\\s+(?:like|love)\\s+to\\s+know"
          + "|(?:can|could)\\s+(?:you|u)\\s+(?:please\\s+)?let\\s+me\\s+know|kindly(?:\\s+tell\\s+me)?"
          + "|do\\s+you\\s+know|please|pls|plz)";

  /**
   * Thanks and urgings that end a message and are never a question's own words: "many thanks",
   * "much appreciated", "cheers mate", "asap", "please answer", the "great" of "great, thanks".
   */
  private static final String POLITE_ENDING =
      "(?:many\\s+thanks"
          // not what the question says of something: "Which contribution was much appreciated?"
          + "|(?<!\\b(?:is|are|was|were|be|been|being)\\s{1,4})much\\s+appreciated"
          + "|(?:i\\s+)?appreciate\\s+(?:it|that|your\\s+help)"
          + "|cheers\\s+(?:mate|m8|buddy)|asap|(?:please|pls|plz)\\s+(?:answer|reply|respond|help)"
          + "|great(?=[\\s,.!]+(?:thanks|thank\\s+(?:you|u)|thx|ty)\\b))";

  private static final String THANKS =
      "(?:thanks?(?:\\s+(?:you|u))?\\s+for\\s+(?:the|your|ur|all\\s+the)\\s+(?:help|answers?|repl(?:y|ies)"
          + "|info(?:rmation)?)(?:\\s+(?:earlier|before|again|yesterday|so\\s+far))?"
          // "thanks for earlier! one more: ..."
          + "|thanks?(?:\\s+(?:you|u))?\\s+for\\s+(?:earlier|before|that|this)\\b"
          + "|thanks?(?:\\s+(?:you|u|a\\s+lot|so\\s+much|very\\s+much|in\\s+advance|again))*|thx|ty|tnx"
          + "|"
          + POLITE_ENDING
          + "|cheers|please|pls"
          + "|plz|lol|any\\s+ideas?|:\\)|:-\\)|;\\)|:D)";

  /**
   * A number or a hashtag that lists or labels the question: "1)", "2.", "(3)", "#2" as in "q #2:",
   * "#syria"; before it, a mention ("@astana_bot") or a command ("/ask").
   */
  private static final String LIST_MARKER =
      "(?:\\(?(?:q\\s?)?\\d{1,2}[).:](?!\\d)|q\\d{1,2}(?=\\s+"
          // "Q7 How many ...?" labels the question; "Q4 2018: what ...?" is a quarter of a year
          + QUESTION_START
          + ")|#[\\p{L}\\p{N}_]+|@\\w+|/[a-z]+(?:@\\w+)?(?=\\s))";

  /**
   * The most greetings, thanks or tags in a row that are trimmed as chat. Each is a frame on the
   * regex engine's stack, so an unbounded run ("hi " a thousand times) overflowed it; a question
   * has a few.
   */
  private static final int MAX_CHAT_UNITS = 40;

  /**
   * Greetings, requests, thanks for an earlier answer ("ok thanks. and who signed it?", not "thanks
   * to") and list markers before the question.
   */
  private static final Pattern LEADING =
      Pattern.compile(
          "^(?:(?:(?:"
              + GREETING
              + "|"
              + ASK
              + "|"
              + THANKS
              + ")\\b(?!\\s+to\\b)|"
              + LIST_MARKER
              // at most a few dozen: each repetition is a frame of the regex engine's stack, and a
              // message of a thousand "hi " overflowed it
              + ")[\\s,.!:;-]*){1,"
              + MAX_CHAT_UNITS
              + "}",
          Pattern.CASE_INSENSITIVE);

  /**
   * Politeness after a comma or a sentence's end: "..., thanks", "... Iran. pls". Without the
   * punctuation a last "thank" may be the question's own word ("Whom did Kazakhstan thank?").
   */
  private static final Pattern TRAILING =
      Pattern.compile(
          "([?.!,;])\\s*(?:"
              + THANKS
              + ")(?:[\\s,.!;-]+(?:"
              + THANKS
              + ")){0,"
              + MAX_CHAT_UNITS
              + "}[\\s,.!?;)]*$",
          Pattern.CASE_INSENSITIVE);

  /**
   * Politeness, laughter or a smiley that ends a message with no punctuation before it: "sochi
   * memorandum date thanks", "who signed it ty", "... Thank you in advance.", "... lol". Only words
   * that never end a question of their own: "thanks", not "thank" ("Whom did Kazakhstan thank"). A
   * tag stays, as its word: "What happened in #Idlib" asks about Idlib (review of the twentieth
   * session). Each unit's repetitions are bounded, as {@link #MAX_CHAT_UNITS} says why.
   */
  private static final Pattern TRAILING_BARE =
      Pattern.compile(
          "(?<=[\\p{L}\\p{N}])(?:[\\s,.!;-]+(?:thanks(?:\\s+(?:a\\s+lot|so\\s+much|very\\s+much|in\\s+advance"
              + "|again)){0,4}|thank\\s+(?:you|u)(?:\\s+(?:a\\s+lot|so\\s+much|very\\s+much|in\\s+advance"
              + "|again)){0,4}|"
              + POLITE_ENDING
              + "|thx|ty|tnx|cheers|please|pls|plz|lol|haha|:\\)|:-\\)|;\\)|:D)){1,"
              + MAX_CHAT_UNITS
              + "}[\\s,.!?;)]*$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /**
   * A lone "0" at the end of a message without a question mark, after a word, a number or a
   * sentence's end ("observers idlib countries 0", "... on 3 May 2017 0", "... capital. 0"): a slip
   * of the finger next to "?", never a word of the question. Not a number's ("Astana 2.0") nor a
   * score's ("passed 15 to 0").
   */
  private static final Pattern TRAILING_ZERO =
      Pattern.compile(
          "(?:(?<=[\\p{L}\\p{N}])(?<!\\b(?i:to|by|of|than|from|at|is|was|are|were|equals?|and|or|vs))"
              + "\\s+|(?<=\\p{L}[.!])\\s*)0\\s*$");

  /**
   * After the last question mark, a remark that asks nothing and says why or how the person asks:
   * "pls answer asap", "(asking for a friend)", "I need it for my homework", "Regards, Anna".
   */
  private static final Pattern REMARK_AFTER_QUESTION =
      Pattern.compile(
          "\\?(?=[^?]*\\b(?:asap|urgent(?:ly)?|regards|homework|essay|friend|in\\s+english"
              + "|need\\s+(?:it|this|that)\\s+for|for\\s+(?:my|a|our)\\s+(?:article|piece|paper|report"
              + "|class|project|thesis|story|blog|assignment))\\b)"
              + "(?![^?]*\\b"
              + QUESTION_WORD
              + "\\b)[^?]{1,60}$",
          Pattern.CASE_INSENSITIVE);

  /**
   * A remark in brackets that ends a message with no question mark before it and says why the
   * person asks: "Which measures did Mr. Umarov list (asking for a friend)". After a question mark
   * {@link #REMARK_AFTER_QUESTION} takes it.
   */
  private static final Pattern REMARK_IN_BRACKETS =
      Pattern.compile(
          "\\s*\\((?=[^()]*\\b(?:asking|friend|homework|essay|curious|wondering|urgent"
              // a school or a class the asking is for, not one the question names ("Haas (a
              // school)")
              + "|for\\s+(?:my\\s+|our\\s+)?(?:school|class)"
              + "|school\\s+(?:project|report|essay|assignment))\\b)"
              + "[^()]{1,60}\\)[\\s?!.]*$",
          Pattern.CASE_INSENSITIVE);

  /**
   * After the last question mark: nothing but digits, punctuation, politeness or tags ("? #astana",
   * "?? #UNSC 2018").
   */
  private static final Pattern AFTER_QUESTION_MARK =
      Pattern.compile(
          "\\?[^?\\p{L}#@]*(?:(?:"
              + THANKS
              + "|[#@][\\p{L}\\p{N}_]+)[^?\\p{L}#@]*){0,"
              + MAX_CHAT_UNITS
              + "}$",
          Pattern.CASE_INSENSITIVE);

  /** How chat about oneself opens: "I'm", "I am", "we are", "my teacher". */
  private static final String OWN =
      "(?:i'?m|i\\s+am|i\\s+was|i\\s+have|i'?ve|we'?re|we\\s+are|my\\s+\\p{L}+)";

  /**
   * What the person says of themselves before the question: "I'm writing a school report (grade 11)
   * - what did ...", "I am a student, who ...", "My teacher asked me: when ...". Only before a
   * question word after a dash, a colon, a comma or a sentence's end.
   */
  private static final Pattern ABOUT_ME =
      Pattern.compile(
          "^(?:"
              + OWN
              + "|i\\s+(?:read|saw|heard|need|study|teach|work|follow|watched|found)\\b)\\b[^?]*?"
              + "(?:\\s[-\u2013\u2014]|[:,.;])\\s*(?="
              + QUESTION_WORD
              + "\\b)",
          Pattern.CASE_INSENSITIVE);

  /**
   * Chat before the question, ended by a sentence's end, a colon, a dash or "but": "hello bot, it's
   * 2019 and I'm catching up lol. what did ...", "sorry if this is a dumb question but where ...".
   * Dropped only when it says it is chat ({@link #CHAT}) and names nothing ({@link #NAMED}).
   */
  private static final Pattern PREAMBLE =
      Pattern.compile(
          "^([^?]{1,120}?)(?:[.!:;]|,?\\s+but|\\s+[-–—])\\s+(?=" + QUESTION_START + ")",
          Pattern.CASE_INSENSITIVE);

  /** Words that mark talk around a question rather than its subject. */
  private static final Pattern CHAT =
      Pattern.compile(
          "\\b(?:hi+|hell?o+|hey+|yo|ok(?:ay)?|lol|haha|sorry|dumb|stupid|silly|essay|homework|school"
              + "|teacher|curious|wondering|wonder|bot|thanks?|thx|quick|btw|catching"
              + "|friend|anyway"
              // "2 questions actually, first:", "one more question:", "quick question -"
              + "|(?:\\d+|two|three|four|five|a\\s+few|few|several|couple(?:\\s+of)?|one|another"
              + "|a)\\s+(?:more\\s+)?questions?)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * "according", also with one slip ("acording", "accordin", "accourding", "accordng", "accoring");
   * never the noun "accord" ("the accord to create the zones").
   */
  private static final String ACCORDING = "(?:acc?ou?rdi?ng|acc?ou?rdin|acc?ou?ring)";

  /** Words a person uses for the bot's documents themselves. */
  private static final String CORPUS =
      "(?:the|your|these|those|this|my|ur)\\s+(?:texts?|documents?|docs|sources?|articles?|files?"
          + "|corpus|materials?)";

  /**
   * The documents as the question's frame, not its subject: "What do the texts say about ...",
   * "according to your documents", "in the sources", "mentioned across these texts" (whose
   * "mentioned" had been searched as "cited", which no passage on the envoy says). No passage says
   * "the texts", so the words counted as missing from every answer.
   */
  private static final Pattern ABOUT_THE_CORPUS =
      Pattern.compile(
          "\\b(?:(?:(?:mentioned|named|cited|quoted|listed|referred\\s+to)\\s+)?(?:"
              + ACCORDING
              + "\\s+to|in|from|across|throughout)\\s+"
              + CORPUS
              + "\\b[,:]?|"
              + CORPUS
              + "\\s+(?=(?:say|says|said|mention|mentions|tell|tells|state|states|show|shows)\\b))",
          Pattern.CASE_INSENSITIVE);

  /** "What is the name of the envoy?" asks "Who is the envoy?", and is answered as that. */
  private static final Pattern NAME_OF =
      Pattern.compile(
          "^(?:(?:what|which)(?:\\s+(is|was|are|were)|'s)|whats)\\s+the\\s+names?\\s+of\\s+"
              + "(?:the\\s+)?",
          Pattern.CASE_INSENSITIVE);

  /**
   * "take place": the verb of a question about an event ("When did the first round take place?"),
   * searched as the documents' own verb for one, "held". Searched as typed, its two words found the
   * one passage that says "no strikes are taking place" before the passage that dates the round.
   */
  private static final Pattern TAKE_PLACE =
      Pattern.compile("\\b(?:take|takes|took|taking|taken)\\s+place\\b", Pattern.CASE_INSENSITIVE);

  /** "according to Tumysh": who says it, not a word the answer holds. */
  private static final Pattern ACCORDING_TO =
      Pattern.compile("\\b" + ACCORDING + "\\s+to\\b", Pattern.CASE_INSENSITIVE);

  /**
   * Whose account a question cites: "according to Kazakhstan's envoy", "per the Kazakh
   * representative", "as said by ...", "in the view of ..." up to a pause, a question word or the
   * question's end; "in the Kazakh envoy's view".
   */
  private static final Pattern CITED_ACCOUNT =
      Pattern.compile(
          "\\b(?:"
              + ACCORDING
              + "\\s+to|per(?!\\s+cent)|as\\s+(?:said|stated|told)\\s+by"
              + "|in\\s+the\\s+(?:view|words|opinion)\\s+of)\\s+[^,?!.;]+?"
              + "(?=\\s+"
              + QUESTION_WORD
              + "\\b|[,?!.;]|$)"
              + "|\\bin\\s[^,?!.;]{1,40}?['\u2019]s?\\s(?:view|words|opinion|account)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern REPEATED_PUNCTUATION = Pattern.compile("([?!.,])[?!.,]+");

  /**
   * A message that only thanks or acknowledges ("thanks!", "ok, got it 👍", "спасибо большое"),
   * said after an answer: no question, so no passage to quote.
   */
  private static final Pattern THANKS_ONLY =
      Pattern.compile(
          "^[^\\p{L}\\p{N}]*(?:(?:thanks?(?:\\s+(?:you|u|a\\s+lot|so\\s+much|very\\s+much|again))*"
              + "|thx|ty|tnx|cheers(?:\\s+(?:mate|m8|buddy))?|many\\s+thanks|much\\s+appreciated"
              + "|(?:i\\s+)?appreciate\\s+(?:it|that|your\\s+help)"
              + "|great|perfect|cool|nice|ok(?:ay)?|got\\s+it|understood"
              + "|спасибо(?:\\s+большое)?|благодарю|спс|понятно|ясно|отлично|хорошо|ок)"
              + "[^\\p{L}\\p{N}]*)+$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** A greeting that opens a message: "hello", "good morning", "привет". */
  private static final String GREETS =
      "(?:hi+|hell?o+|hey+|hiya|heya|howdy|yo|greetings|good\\s+(?:morning|afternoon|evening|day)"
          + "|how\\s+are\\s+(?:you|u)(?:\\s+doing)?|how\\s+r\\s+u|what'?s\\s+up|sup"
          + "|привет(?:ствую)?|здравствуй(?:те)?|добр(?:ый|ого)\\s+(?:день|вечер|дня|вечера)"
          + "|доброе\\s+утро|салем|сәлем)";

  /** What may follow a greeting in one: "hello there", "hi again, bot", "hi all". */
  private static final String GREETS_ON =
      "(?:" + GREETS + "|there|again|bot|all|everyone|guys|folks|dear|бот|всем|все)";

  /** A message that only greets ("hello", "hi there!", "Hello, bot 👋", "привет"). */
  private static final Pattern GREETS_ONLY =
      Pattern.compile(
          "^[^\\p{L}\\p{N}]*" + GREETS + "(?:[^\\p{L}\\p{N}]+" + GREETS_ON + ")*[^\\p{L}\\p{N}]*$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private QuestionText() {}

  /**
   * The text without markup pasted or typed with it (a script, a tag such as {@code <b>}, a
   * Markdown link's address), in any language: what {@link #clean} removes first.
   */
  static String withoutMarkup(String typed) {
    String s = SCRIPT.matcher(typed).replaceAll(" ");
    s = MARKDOWN_LINK.matcher(s).replaceAll("$1");
    // "Who&nbsp;signed the Sochi memorandum?" as pasted from a page's source: "Who&nbsp;signed"
    // was one word the corpus lacks, and the answer fell from "likely" to "may be related". What
    // an entity stands for is read as typed: "&lt;b&gt;" is a tag, "&#27;" a control character.
    s = TAG.matcher(s).replaceAll(" ");
    String decoded = org.astanaqa.retrieval.util.HtmlEntities.decode(s);
    return decoded.equals(s)
        ? s
        : withoutControls(TAG.matcher(decoded).replaceAll(" ")).replace('\u00a0', ' ');
  }

  /**
   * The question as typed without whose account it cites ("Who invited them, according to
   * Kazakhstan's envoy?" asks who invited them, not for the envoy), or null when it cites none.
   * {@link #clean} keeps the words of that account and drops "according to" (who says it is no word
   * an answer holds), after which nothing tells the account from what is asked.
   */
  public static String withoutCitedAccount(String typed) {
    Matcher m = CITED_ACCOUNT.matcher(typed);
    return m.find() ? m.replaceAll(" ") : null;
  }

  /**
   * As {@link #withoutCitedAccount} for a Russian question's word-by-word English ("who, according
   * to kazakhstan diplomat, invited russian military syria"), which keeps the question's commas but
   * drops the words that would end the account in English: the account is at most {@link
   * #CITED_WORDS} words up to a comma, a question word or the end, never a question word itself
   * ("согласно какому документу", "according to which document", cites nobody). Else null.
   */
  public static String withoutCitedAccountTranslated(String translation) {
    Matcher m = CITED_ACCOUNT_TRANSLATED.matcher(translation);
    return m.find() ? m.replaceAll(" ") : null;
  }

  /** The most words a translation's cited account has ("tass", "kazakhstan diplomat"). */
  private static final int CITED_WORDS = 3;

  private static final Pattern CITED_ACCOUNT_TRANSLATED =
      Pattern.compile(
          "\\baccording\\s+to(?!\\s+"
              + QUESTION_WORD
              + "\\b)"
              + "(?:\\s+[^\\s,?!.;]+){1,"
              + CITED_WORDS
              + "}?(?=\\s*[,?!.;]|\\s+"
              + QUESTION_WORD
              + "\\b|\\s*$)",
          Pattern.CASE_INSENSITIVE);

  /** Whether a message only greets, and asks nothing ("hello", "hi there!", "привет"). */
  public static boolean onlyGreets(String typed) {
    return typed != null
        && typed.length() < 100
        && GREETS_ONLY.matcher(normalized(typed).strip()).matches();
  }

  /** Whether a message only thanks or acknowledges, and asks nothing ("thanks!", "спасибо"). */
  public static boolean onlyThanks(String typed) {
    return typed != null
        && typed.length() < 200
        && THANKS_ONLY.matcher(normalized(typed).strip()).matches();
  }

  /**
   * The question with typing noise removed, as it is searched: also "What is the name of the
   * envoy?" asked as "Who is the envoy?". The text as typed when nothing would be left.
   */
  static String clean(String typed) {
    String s = stripped(typed);
    Matcher name = NAME_OF.matcher(s);
    if (name.find()) {
      String verb = name.group(1) == null ? "is" : name.group(1).toLowerCase(Locale.ROOT);
      s = "Who " + verb + " the " + s.substring(name.end());
    }
    s = TAKE_PLACE.matcher(s).replaceAll("held");
    return mended(s, typed);
  }

  /**
   * The question with typing noise removed (tags, emoji, greetings, politeness, repeated
   * punctuation, typos in little words) and its words otherwise as typed; the text as typed when
   * nothing would be left.
   */
  public static String withoutNoise(String typed) {
    return mended(stripped(typed), typed);
  }

  /**
   * The question as the embedding model reads it: without its typing noise, and ending in one
   * question mark whatever it ended in. The model reads punctuation and smileys as words, so "de
   * mistura damascus visit", "... visit?!!" and "... visit :)" came out as different vectors and
   * could quote different passages; on the tune halves the one ending gains or loses nothing.
   */
  public static String forEmbedding(String typed) {
    // what the search reads of a pasted page, no more (a page of "thanks again ..." is noise)
    String s =
        withoutNoise(
            typed.length() > QuestionQuery.MAX_QUESTION_CHARS
                ? typed.substring(0, QuestionQuery.MAX_QUESTION_CHARS)
                : typed);
    String bare = TRAILING_MARKS.matcher(s).replaceFirst("");
    return bare.isEmpty() ? s : bare + "?";
  }

  /**
   * The sentence marks that end a message: not a bracket or a quote that closes words of the
   * question ("(in full)", "C++").
   */
  private static final Pattern TRAILING_MARKS = Pattern.compile("[\\s?!.,;:\u2026]+$");

  /** Little words' typos mended; {@code typed} when nothing would be left. */
  private static String mended(String s, String typed) {
    s = repairLittleWords(chatSpellings(s));
    return s.chars().anyMatch(Character::isLetterOrDigit) ? s : typed;
  }

  /**
   * Tags, emoji, repeated punctuation, greetings, politeness and chat before the question removed.
   */
  private static String stripped(String typed) {
    String s =
        withoutMarkup(withoutControls(typed).replace('\u2019', '\'')); // "What’s" as "What's"
    // an emoji between chat and the question ends the chat: "writing an essay 📚 did ..."
    s = EMOJI_BEFORE_QUESTION.matcher(s).replaceAll(". ");
    s = EMOJI.matcher(s).replaceAll(" ");
    s = REPEATED_PUNCTUATION.matcher(s).replaceAll("$1");
    s = s.replaceAll("\\s+", " ").strip();
    s = ACCORDING_TO.matcher(ABOUT_THE_CORPUS.matcher(s).replaceAll(" ")).replaceAll(" ");
    s =
        s.replaceAll("\\s+", " ")
            .strip()
            .replaceFirst("^[,:;-]\\s*", "")
            .replaceAll(" ([?!.,])", "$1");
    s = REMARK_IN_BRACKETS.matcher(s).replaceFirst("");
    s = REMARK_AFTER_QUESTION.matcher(s).replaceFirst("?");
    s = AFTER_QUESTION_MARK.matcher(s).replaceFirst("?");
    s = TRAILING.matcher(s).replaceFirst("$1");
    s = TRAILING_ZERO.matcher(TRAILING_BARE.matcher(s).replaceFirst("")).replaceFirst("");
    s = withoutRepeatedHashtags(s).replaceAll("\\s+", " ").strip();
    s = LEADING.matcher(s).replaceFirst("").strip();
    Matcher me = ABOUT_ME.matcher(s);
    if (me.find()) {
      String about = s.substring(0, me.end());
      String rest = s.substring(me.end()).strip();
      boolean stands = standsAlone(rest);
      String names = names(about);
      if (!NAMED.matcher(about).find() && (OWN_OPENING.matcher(about).lookingAt() || stands)) {
        s = rest;
      } else if (stands && !names.isEmpty()) {
        // "I'm writing an essay on Syria. Who were the Astana guarantors?": the question stands on
        // its own and the names say what it is about; the rest of the chat only lowered the share
        // of the question a passage holds ("not found", 0.15). "I'm reading about the Sochi deal,
        // what was agreed?" leans on its chat, and stays whole.
        s = names + ". " + rest;
      }
    }
    Matcher pre = PREAMBLE.matcher(s);
    if (pre.find()
        && CHAT.matcher(pre.group(1)).find()
        && !NAMED.matcher(pre.group(1).replaceAll("\\bI(?:'[a-z]+)?\\b|\\bOK\\b", "")).find()) {
      s = LEADING.matcher(s.substring(pre.end())).replaceFirst("").strip();
    }
    return s;
  }

  /**
   * Whether a question says what it asks about without the chat before it: two words of its own
   * that are searched, and none that points back ("Who was the third?", "what was agreed?").
   */
  private static boolean standsAlone(String question) {
    long own =
        Analyzers.tokens(question).stream()
            .filter(t -> !Analyzers.isQuestionWord(t.term()))
            .count();
    if (own < 2) {
      return false;
    }
    // a word that points back: one of FollowUps.POINTING, or one of a series ("the third")
    for (String w : question.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}]+")) {
      if (FollowUps.POINTING.contains(w) || SERIES_POINTING.contains(w)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The openings of chat about oneself that is dropped whatever the question after it ("I'm writing
   * a school report - what did ...?"); after the others ("I heard the talks were postponed, why?")
   * only a question that stands alone drops it.
   */
  private static final Pattern OWN_OPENING = Pattern.compile(OWN + "\\b", Pattern.CASE_INSENSITIVE);

  /** Words of a series by which a question leans on what was said before: "Who was the third?". */
  private static final java.util.Set<String> SERIES_POINTING =
      java.util.Set.of("one", "others", "first", "second", "third", "last");

  /** The names {@code chat} holds, each run of capitalised words once: "Syria", "TASS, Astana". */
  private static String names(String chat) {
    Matcher m = NAME_RUN.matcher(chat);
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    while (m.find()) {
      if (m.start() > 0 && !m.group().matches("I(?:'\\p{L}+)?|OK")) {
        out.add(m.group());
      }
    }
    return String.join(", ", out);
  }

  /** A run of capitalised words: "Astana", "Staffan de Mistura" is two runs, kept in order. */
  private static final Pattern NAME_RUN =
      Pattern.compile(
          "(?<![\\p{L}'])\\p{Lu}[\\p{L}\\p{N}'\\-]*(?:\\s+\\p{Lu}[\\p{L}\\p{N}'\\-]*)*");

  private static final Pattern HASHTAG = Pattern.compile("#(\\p{L}[\\p{L}\\p{N}_]*)");

  /**
   * The question without the hashtags that label it with one of its own words ("#Идлиб Какую роль
   * ... по Идлибу?", "Who headed the delegation at the Astana talks #Astana"): such a word would
   * count twice. English and Russian questions both. A hashtag that says something the question
   * does not ("... в октябре? #Сирия") stays, as does one only another hashtag repeats ("#Астана
   * #АстанинскийПроцесс", the same tag at the start and the end): else both could go.
   */
  static String withoutRepeatedHashtags(String question) {
    String rest = HASHTAG.matcher(question).replaceAll(" ").toLowerCase(java.util.Locale.ROOT);
    Matcher h = HASHTAG.matcher(question);
    StringBuilder out = new StringBuilder();
    while (h.find()) {
      String tag = h.group(1).toLowerCase(java.util.Locale.ROOT);
      String stem = tag.length() > 4 ? tag.substring(0, tag.length() - 1) : tag;
      boolean repeated = Pattern.compile("(?<!\\p{L})" + Pattern.quote(stem)).matcher(rest).find();
      h.appendReplacement(out, repeated ? " " : Matcher.quoteReplacement(h.group()));
    }
    h.appendTail(out);
    return out.toString();
  }

  /**
   * A capitalized word after the first, other than "I": what the person says of themselves then
   * names the subject ("I'm reading about the Sochi deal, what was agreed?") and stays.
   */
  private static final Pattern NAMED = Pattern.compile("(?<=\\s|\\()(?!I\\b|I')\\p{Lu}");

  /** Question words, which open a question. */
  private static final List<String> QUESTION_WORDS = Analyzers.INTERROGATIVES;

  /**
   * How people write little words in chat ("r" for "are", "abt" for "about", "wen" for "when"), as
   * whole words: not a letter of "U.S." or of "R. Erdogan", and capitalised only as a message's
   * first word ("Wen was ...?"), as elsewhere a capital may start a name ("Wen Jiabao", "Bout").
   * Left as typed, "r" and "abt" were words the corpus never uses, which says "not found": "who r
   * the guarantors" and "what did lavrentyev say abt idlib" were not answered. Tune halves:
   * held-out hit@1 0.7431 -> 0.7444 (hybrid), 0.6817 -> 0.6842 (BM25), "not found", blind, Russian,
   * follow-ups and out-of-scope follow-ups unchanged.
   */
  private static final java.util.Map<String, String> CHAT_SPELLINGS =
      java.util.Map.ofEntries(
          java.util.Map.entry("r", "are"),
          java.util.Map.entry("u", "you"),
          java.util.Map.entry("ur", "your"),
          java.util.Map.entry("abt", "about"),
          java.util.Map.entry("bout", "about"),
          java.util.Map.entry("wat", "what"),
          java.util.Map.entry("wut", "what"),
          java.util.Map.entry("wht", "what"),
          java.util.Map.entry("whats", "what is"),
          java.util.Map.entry("wats", "what is"),
          java.util.Map.entry("whos", "who is"),
          java.util.Map.entry("hw", "how"),
          java.util.Map.entry("whn", "when"),
          java.util.Map.entry("wen", "when"),
          java.util.Map.entry("wher", "where"),
          java.util.Map.entry("whr", "where"),
          java.util.Map.entry("ppl", "people"),
          java.util.Map.entry("govt", "government"),
          java.util.Map.entry("b4", "before"),
          java.util.Map.entry("thru", "through"),
          java.util.Map.entry("cuz", "because"),
          java.util.Map.entry("coz", "because"),
          java.util.Map.entry("bc", "because"),
          java.util.Map.entry("tho", "though"));

  private static final Pattern CHAT_WORD =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}.'’&/-])([A-Za-z][a-z0-9]*)(?![\\p{L}\\p{N}'’&/-]|\\.\\p{L})");

  /**
   * After a letter, what makes it an initial ("R. Erdogan", "r. erdogan"), or a capital letter an
   * honorific or initial before a name ("U Thant"), not a chat spelling.
   */
  private static final Pattern AFTER_INITIAL = Pattern.compile("\\.\\s*\\p{L}");

  private static final Pattern AFTER_CAPITAL_INITIAL = Pattern.compile("\\.?\\s+\\p{Lu}");

  /** After "bout", what makes it the noun ("a bout of fighting"), not "about". */
  private static final Pattern NOUN_OF = Pattern.compile("\\s+of\\b");

  /** {@link #CHAT_SPELLINGS} read as the words they stand for. */
  static String chatSpellings(String s) {
    Matcher m = CHAT_WORD.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String typed = m.group(1);
      boolean capital = Character.isUpperCase(typed.charAt(0));
      // a capitalised word only as the message's first word ("Wen was ...?"), else it may be a name
      String word =
          capital && !s.substring(0, m.start()).isBlank()
                  || initial(s, m.end(), typed)
                  || afterNumber(s, m.start())
                  || typed.equalsIgnoreCase("bout")
                      && NOUN_OF.matcher(s).region(m.end(), s.length()).lookingAt()
              ? null
              : CHAT_SPELLINGS.get(typed.toLowerCase(Locale.ROOT));
      if (word != null && capital) {
        word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(word != null ? word : typed));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Whether a number comes just before {@code start} in {@code s}: the word is then an era or a
   * unit ("44 bc"), not a chat spelling.
   */
  private static boolean afterNumber(String s, int start) {
    int i = start;
    while (i > 0 && Character.isWhitespace(s.charAt(i - 1))) {
      i--;
    }
    return i < start && i > 0 && Character.isDigit(s.charAt(i - 1));
  }

  /** Whether the letter {@code typed}, followed at {@code end} in {@code s}, is an initial. */
  private static boolean initial(String s, int end, String typed) {
    if (typed.length() != 1) {
      return false;
    }
    return AFTER_INITIAL.matcher(s).region(end, s.length()).lookingAt()
        || Character.isUpperCase(typed.charAt(0))
            && AFTER_CAPITAL_INITIAL.matcher(s).region(end, s.length()).lookingAt();
  }

  /** Longer function words, whose typos ("abot", "betwen") the speller cannot mend. */
  private static final List<String> FUNCTION_WORDS =
      List.of(
          "about", "after", "against", "before", "between", "could", "does", "during", "from",
          "have", "into", "many", "much", "should", "since", "that", "their", "there", "these",
          "they", "this", "under", "until", "were", "what", "when", "where", "which", "while",
          "whom", "whose", "with", "would");

  private static final Pattern WORD = Pattern.compile("\\p{L}+");

  /**
   * Mends a typo in a question's first word when one question word alone is a letter away ("Wehn",
   * "Whrt", "Wat" -> when, what, what), and in a longer function word elsewhere when it is no
   * English word and one function word alone is a letter away ("abot" -> about). The speller cannot
   * mend these: the index has no stop words, so their typos looked like words the corpus lacks.
   */
  static String repairLittleWords(String s) {
    Matcher m = WORD.matcher(s);
    StringBuilder out = new StringBuilder();
    int last = 0;
    boolean first = true;
    while (m.find()) {
      String w = m.group();
      String lower = w.toLowerCase(Locale.ROOT);
      String fix = null;
      if (first && lower.length() >= 3 && !QUESTION_WORDS.contains(lower)) {
        fix = onlyNeighbour(lower, QUESTION_WORDS);
        if (fix != null
            && (FUNCTION_WORDS.contains(lower)
                || !askingNext(s, m.end()) && EnglishWords.contains(lower))) {
          // "Then who signed it?", "Low expression of ...": words of their own, not typos of
          // "when" and "how"; "wat was it about?" asks as a question word does (and the word after
          // is read first: "Wehn was" is mended without loading the English vocabulary)
          fix = null;
        }
      } else if (!first && lower.length() >= 4 && !FUNCTION_WORDS.contains(lower)) {
        fix = onlyNeighbour(lower, FUNCTION_WORDS);
        if (fix != null && EnglishWords.contains(lower)) {
          fix = null; // "form" is a word, not a typo of "from" (asked last: it loads a vocabulary)
        }
      }
      first = false;
      if (fix != null && Character.isUpperCase(w.charAt(0))) {
        fix = Character.toUpperCase(fix.charAt(0)) + fix.substring(1);
      }
      out.append(s, last, m.start()).append(fix != null ? fix : w);
      last = m.end();
    }
    return out.append(s.substring(last)).toString();
  }

  /**
   * What follows a question word: "was", "did", "many", "else" ("wat was", "hw many", "wat else").
   */
  private static final java.util.Set<String> AFTER_QUESTION_WORD =
      java.util.Set.of(
          "is", "was", "are", "were", "did", "does", "do", "has", "have", "had", "can", "could",
          "will", "would", "should", "many", "much", "long", "old", "else", "other", "kind", "sort",
          "type");

  /** Whether the word after {@code from} is one that follows a question word. */
  private static boolean askingNext(String s, int from) {
    Matcher next = WORD.matcher(s);
    return next.find(from) && AFTER_QUESTION_WORD.contains(next.group().toLowerCase(Locale.ROOT));
  }

  /** The one word of {@code words} at most one edit from {@code w}, or null (none, or several). */
  private static String onlyNeighbour(String w, List<String> words) {
    String found = null;
    for (String c : words) {
      if (oneEditApart(w, c)) {
        if (found != null) {
          return null;
        }
        found = c;
      }
    }
    return found;
  }

  /** One insertion, deletion, substitution or swap of neighbours turns {@code a} into {@code b}. */
  static boolean oneEditApart(String a, String b) {
    if (a.equals(b) || Math.abs(a.length() - b.length()) > 1) {
      return false;
    }
    int i = 0;
    while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (a.length() == b.length()) {
      return a.substring(i + 1).equals(b.substring(i + 1))
          || i + 1 < a.length()
              && a.charAt(i) == b.charAt(i + 1)
              && a.charAt(i + 1) == b.charAt(i)
              && a.substring(i + 2).equals(b.substring(i + 2));
    }
    return a.length() > b.length()
        ? a.substring(i + 1).equals(b.substring(i))
        : a.substring(i).equals(b.substring(i + 1));
  }
}
