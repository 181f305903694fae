package org.astanaqa.retrieval.corpus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The text of Word (.docx) and OpenDocument (.odt) files, read from the XML inside their zip with
 * the JDK's parser: one paragraph per {@code w:p} or {@code text:p}/{@code text:h}, and the title,
 * company and creation date from the document properties.
 *
 * <p>Apache POI would read these too, but adds 24 MB to the jar for what is, for text, a walk over
 * one XML file (see README, "Dependencies and licences").
 */
final class OfficeText {
  private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

  /**
   * The namespace of Word's "Strict Open XML Document" (ISO/IEC 29500 strict), another name for the
   * same elements as {@link #W}'s.
   */
  private static final String W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main";

  private static final String MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
  private static final String DC = "http://purl.org/dc/elements/1.1/";
  private static final String DCTERMS = "http://purl.org/dc/terms/";
  private static final String ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
  private static final String ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
  private static final String ODF_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";

  /** An XML part larger than this is a zip bomb, not a document. */
  private static final long MAX_PART_BYTES = 4 * CorpusReader.MAX_FILE_BYTES;

  private OfficeText() {}

  static FileText docx(byte[] bytes) throws UnusableFileException {
    Map<String, Document> parts =
        parts(
            bytes,
            "word/document.xml",
            "word/footnotes.xml",
            "word/endnotes.xml",
            "docProps/core.xml",
            "docProps/app.xml");
    Document body = parts.get("word/document.xml");
    for (String part :
        new String[] {"word/document.xml", "word/footnotes.xml", "word/endnotes.xml"}) {
      transitional(parts.get(part));
    }
    if (body == null) {
      throw new UnusableFileException("not a Word .docx file (no word/document.xml inside)");
    }
    StringBuilder out = new StringBuilder();
    docxParagraphs(body.getDocumentElement(), out);
    // the footnotes, then the endnotes, after the text (Word's separator lines are no notes)
    for (String[] notes :
        new String[][] {{"word/footnotes.xml", "footnote"}, {"word/endnotes.xml", "endnote"}}) {
      Document d = parts.get(notes[0]);
      NodeList list = d == null ? null : d.getElementsByTagNameNS(W, notes[1]);
      for (int i = 0; list != null && i < list.getLength(); i++) {
        Element note = (Element) list.item(i);
        String type = note.getAttributeNS(W, "type");
        if (type.isEmpty() || type.equals("normal")) {
          docxParagraphs(note, out);
        }
      }
    }
    Document core = parts.get("docProps/core.xml");
    Document app = parts.get("docProps/app.xml");
    return new FileText(
        out.toString().strip(),
        first(core, DC, "title"),
        app == null ? null : first(app, "*", "Company"),
        date(first(core, DCTERMS, "created")),
        null,
        null);
  }

  /**
   * A part written as Word's "Strict Open XML Document" given the transitional namespace {@link
   * #W}, which the rest reads: its elements and attributes are the same under another name, and
   * such a file, which Word writes when asked, was read as "no text in it".
   */
  private static void transitional(Document d) {
    if (d == null || !W_STRICT.equals(d.getDocumentElement().getNamespaceURI())) {
      return;
    }
    NodeList all = d.getElementsByTagNameNS(W_STRICT, "*");
    java.util.List<Element> elements = new java.util.ArrayList<>(all.getLength());
    for (int i = 0; i < all.getLength(); i++) {
      elements.add((Element) all.item(i));
    }
    for (Element e : elements) {
      org.w3c.dom.NamedNodeMap attrs = e.getAttributes();
      java.util.List<Node> strict = new java.util.ArrayList<>();
      for (int i = 0; i < attrs.getLength(); i++) {
        if (W_STRICT.equals(attrs.item(i).getNamespaceURI())) {
          strict.add(attrs.item(i));
        }
      }
      for (Node a : strict) {
        d.renameNode(a, W, a.getNodeName());
      }
      d.renameNode(e, W, e.getNodeName());
    }
  }

  static FileText odt(byte[] bytes) throws UnusableFileException {
    if (encryptedOdt(bytes)) {
      // its parts are ciphertext, which the XML parser called damaged
      throw new UnusableFileException(Formats.PASSWORD_PROTECTED);
    }
    Map<String, Document> parts = parts(bytes, "content.xml", "styles.xml", "meta.xml");
    Document content = parts.get("content.xml");
    if (content == null) {
      throw new UnusableFileException("not an OpenDocument text (no content.xml inside)");
    }
    StringBuilder out = new StringBuilder();
    StringBuilder notes = new StringBuilder();
    java.util.Set<String> hidden = hiddenStyles(parts.get("styles.xml"), content);
    walkOdt(content.getDocumentElement(), out, null, notes, hidden);
    out.append(notes); // the footnotes and endnotes after the text, as a .docx's
    Document meta = parts.get("meta.xml");
    return new FileText(
        out.toString().strip(),
        first(meta, DC, "title"),
        null,
        date(first(meta, ODF_META, "creation-date")),
        null,
        null);
  }

  /**
   * Each Word paragraph under {@code root}, once: not the copy of a text box Word writes again for
   * older readers ({@code mc:Fallback}).
   */
  private static void docxParagraphs(Element root, StringBuilder out) {
    NodeList paras = root.getElementsByTagNameNS(W, "p");
    for (int i = 0; i < paras.getLength(); i++) {
      if (!inFallback(paras.item(i)) && !inStandIn(paras.item(i))) {
        StringBuilder p = new StringBuilder();
        docxRuns(paras.item(i), p);
        paragraph(out, p);
      }
    }
  }

  /** Whether a paragraph is the stand-in text of a form's field left empty. */
  private static boolean inStandIn(Node n) {
    for (Node a = n.getParentNode(); a != null; a = a.getParentNode()) {
      if (a instanceof Element e && isStandIn(e)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code e} is a content control left empty ({@code w:sdt} with {@code w:showingPlcHdr}):
   * what it holds is Word's grey stand-in ("Click or tap here to enter text."), no text of the
   * document.
   */
  private static boolean isStandIn(Element e) {
    if (!W.equals(e.getNamespaceURI()) || !e.getLocalName().equals("sdt")) {
      return false;
    }
    Element sdtPr = child(e, "sdtPr");
    return sdtPr != null && isOn(child(sdtPr, "showingPlcHdr"));
  }

  /** The first child of {@code e} that is the Word element {@code name}, or null. */
  private static Element child(Element e, String name) {
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element ce
          && W.equals(ce.getNamespaceURI())
          && ce.getLocalName().equals(name)) {
        return ce;
      }
    }
    return null;
  }

  /**
   * Whether a Word on/off property is there and on: {@code <w:vanish/>} is, {@code <w:vanish
   * w:val="false"/>} ("0", "off") is not.
   */
  private static boolean isOn(Element property) {
    if (property == null) {
      return false;
    }
    String val = property.getAttributeNS(W, "val");
    return !(val.equals("false") || val.equals("0") || val.equals("off"));
  }

  private static boolean inFallback(Node n) {
    for (Node a = n.getParentNode(); a != null; a = a.getParentNode()) {
      if (MC.equals(a.getNamespaceURI()) && "Fallback".equals(a.getLocalName())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Text of a Word paragraph's runs; nested paragraphs (text boxes) are read on their own, and what
   * tracked changes deleted or moved away ({@code w:delText}, {@code w:moveFrom}) is not read: a
   * moved paragraph is read at its new place ({@code w:moveTo}) only.
   */
  private static void docxRuns(Node node, StringBuilder p) {
    for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (!(c instanceof Element e) || !W.equals(e.getNamespaceURI())) {
        continue;
      }
      switch (e.getLocalName()) {
        case "t" -> p.append(e.getTextContent());
        case "tab", "br", "cr" -> p.append(' ');
        case "noBreakHyphen" -> p.append('-');
        case "p", "pPr", "rPr", "instrText", "delText", "moveFrom" -> {}
        case "r" -> {
          if (!hidden(e)) {
            docxRuns(e, p);
          }
        }
        case "sdt" -> {
          if (!isStandIn(e)) {
            docxRuns(e, p);
          }
        }
        default -> docxRuns(e, p);
      }
    }
  }

  /**
   * Whether a run is hidden text ({@code w:vanish}), which Word neither shows nor prints: a
   * template's instructions, a drafter's note.
   */
  private static boolean hidden(Element run) {
    Element rPr = child(run, "rPr");
    // its own w:vanish, not one of the formatting a tracked change replaced (w:rPrChange)
    return rPr != null && isOn(child(rPr, "vanish"));
  }

  /**
   * The paragraphs under {@code node} into {@code out}, the text of a paragraph being read into
   * {@code p}; a note's paragraphs into {@code notes}, not inside the sentence that cites it.
   */
  private static void walkOdt(
      Node node,
      StringBuilder out,
      StringBuilder p,
      StringBuilder notes,
      java.util.Set<String> hidden) {
    for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c.getNodeType() == Node.TEXT_NODE) {
        // the text of text:p, text:span, text:a...; not an image's svg:title or svg:desc, nor a
        // comment's dc:creator, which no reader sees in the sentence
        if (p != null && ODF_TEXT.equals(node.getNamespaceURI())) {
          p.append(c.getNodeValue());
        }
      } else if (c instanceof Element e) {
        boolean textNs = ODF_TEXT.equals(e.getNamespaceURI());
        String name = e.getLocalName();
        if (textNs
            && !hidden.isEmpty()
            && hidden.contains(e.getAttributeNS(ODF_TEXT, "style-name"))) {
          // text its style hides (Format > Character > Hidden), which the writer neither shows
          // nor prints, as a .docx's w:vanish
        } else if (textNs && (name.equals("p") || name.equals("h"))) {
          StringBuilder own = new StringBuilder();
          walkOdt(e, out, own, notes, hidden);
          paragraph(out, own);
        } else if (textNs
            && (name.equals("s") || name.equals("tab") || name.equals("line-break"))) {
          if (p != null) {
            p.append(' ');
          }
        } else if (ODF_OFFICE.equals(e.getNamespaceURI())
            && (name.equals("annotation") || name.equals("annotation-end"))) {
          // a reviewer's comment, with its author and date: no text of the document
        } else if (textNs && name.equals("tracked-changes")) {
          // what tracked changes deleted, kept for Undo: no text of the document, as a .docx's
          // w:delText is not
        } else if (textNs && name.equals("note")) {
          NodeList body = e.getElementsByTagNameNS(ODF_TEXT, "note-body");
          for (int i = 0; i < body.getLength(); i++) {
            walkOdt(body.item(i), notes, null, notes, hidden);
          }
        } else {
          walkOdt(e, out, p, notes, hidden);
        }
      }
    }
  }

  private static final String ODF_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";

  /**
   * The names of the styles, in {@code styles.xml} and the content's automatic styles, that hide
   * their text ({@code text:display="none"}, LibreOffice's Hidden character attribute), or that
   * inherit it from such a style. Read as the document's words, a drafter's hidden note was quoted
   * inside the sentence around it, where a .docx's hidden runs were left out.
   */
  private static java.util.Set<String> hiddenStyles(Document... parts) {
    Map<String, String> parents = new HashMap<>();
    java.util.Set<String> hidden = new java.util.HashSet<>();
    for (Document d : parts) {
      NodeList styles = d == null ? null : d.getElementsByTagNameNS(ODF_STYLE, "style");
      for (int i = 0; styles != null && i < styles.getLength(); i++) {
        Element style = (Element) styles.item(i);
        String name = style.getAttributeNS(ODF_STYLE, "name");
        String parent = style.getAttributeNS(ODF_STYLE, "parent-style-name");
        if (!parent.isEmpty()) {
          parents.put(name, parent);
        }
        NodeList props = style.getElementsByTagNameNS(ODF_STYLE, "text-properties");
        for (int k = 0; k < props.getLength(); k++) {
          if ("none".equals(((Element) props.item(k)).getAttributeNS(ODF_TEXT, "display"))) {
            hidden.add(name);
          }
        }
      }
    }
    for (String name : parents.keySet()) {
      String up = parents.get(name);
      for (int depth = 0; up != null && depth < 16; depth++, up = parents.get(up)) {
        if (hidden.contains(up)) {
          hidden.add(name);
          break;
        }
      }
    }
    return hidden;
  }

  private static void paragraph(StringBuilder out, StringBuilder p) {
    String s = p.toString().replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    if (!s.isEmpty()) {
      out.append(s).append("\n\n");
    }
  }

  private static Map<String, Document> parts(byte[] bytes, String... names)
      throws UnusableFileException {
    Map<String, Document> out = new HashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      DocumentBuilder parser = parser();
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        for (String name : names) {
          if (entry.getName().equals(name)) {
            out.put(name, parser.parse(new Bounded(zip, MAX_PART_BYTES)));
          }
        }
      }
    } catch (IOException | SAXException | RuntimeException e) {
      throw new UnusableFileException(
          "cannot be read as a zipped office document: " + e.getMessage() + "; " + Formats.DAMAGED);
    }
    return out;
  }

  private static final String ODF_MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";

  /**
   * Whether an OpenDocument file was saved with a password: its manifest gives a part's {@code
   * encryption-data} (how to decrypt it). False when there is no manifest or it cannot be read,
   * which the reading of the parts then says.
   */
  private static boolean encryptedOdt(byte[] bytes) {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.getName().equals("META-INF/manifest.xml")) {
          Document manifest = parser().parse(new Bounded(zip, MAX_PART_BYTES));
          return manifest.getElementsByTagNameNS(ODF_MANIFEST, "encryption-data").getLength() > 0;
        }
      }
    } catch (IOException | SAXException | RuntimeException | UnusableFileException e) {
      return false;
    }
    return false;
  }

  /** A namespace-aware parser that reads no DTD and no external entity. */
  private static DocumentBuilder parser() throws UnusableFileException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks secure processing", e);
    }
  }

  private static String first(Document d, String ns, String name) {
    if (d == null) {
      return null;
    }
    NodeList l = d.getElementsByTagNameNS(ns, name);
    return l.getLength() == 0 ? null : l.item(0).getTextContent().strip();
  }

  private static String date(String s) {
    return s != null && s.matches("\\d{4}-\\d{2}-\\d{2}.*") ? s.substring(0, 10) : null;
  }

  /** The current zip entry, failing past a size: the entry's declared size may lie. */
  private static final class Bounded extends InputStream {
    private final InputStream in;
    private long left;

    Bounded(InputStream in, long limit) {
      this.in = in;
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, (int) Math.min(len, left + 1));
      if (n > 0 && (left -= n) < 0) {
        throw new IOException("an XML part larger than " + MAX_PART_BYTES / (1024 * 1024) + " MB");
      }
      return n;
    }

    @Override
    public void close() {
      // the zip stream stays open for the next entry
    }
  }
}
