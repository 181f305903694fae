package org.astanaqa.bot.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.astanaqa.eval.Answerability;

/**
 * Draws a reliability diagram as a PNG: for each question set, the share of right first quotes in
 * each confidence bin against the bin's mean confidence; a calibrated confidence lies on the
 * diagonal. Drawn with the JDK's own 2D graphics, headless.
 */
final class ReliabilityDiagram {
  private static final int SIZE = 640;
  private static final int MARGIN = 70;
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)
  };

  private ReliabilityDiagram() {}

  static void draw(List<Answerability.Item> items, String title, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Map<String, List<Answerability.Item>> bySet = new LinkedHashMap<>();
    items.forEach(i -> bySet.computeIfAbsent(i.set(), k -> new ArrayList<>()).add(i));
    BufferedImage img = new BufferedImage(SIZE, SIZE + 60, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    int plot = SIZE - 2 * MARGIN;
    g.setColor(new Color(0xdddddd));
    for (int t = 0; t <= 10; t++) {
      int p = MARGIN + plot * t / 10;
      g.drawLine(MARGIN, p, MARGIN + plot, p);
      g.drawLine(p, MARGIN, p, MARGIN + plot);
    }
    g.setColor(Color.GRAY);
    g.setStroke(
        new BasicStroke(
            1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 6}, 0));
    g.drawLine(MARGIN, MARGIN + plot, MARGIN + plot, MARGIN);
    g.setStroke(new BasicStroke(1));
    g.setColor(Color.BLACK);
    g.drawRect(MARGIN, MARGIN, plot, plot);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int t = 0; t <= 10; t += 2) {
      String label = String.format(Locale.ROOT, "%.1f", t / 10.0);
      g.drawString(label, MARGIN + plot * t / 10 - 8, MARGIN + plot + 18);
      g.drawString(label, MARGIN - 30, MARGIN + plot - plot * t / 10 + 4);
    }
    g.drawString("predicted confidence (bin mean)", MARGIN + plot / 2 - 90, MARGIN + plot + 40);
    g.rotate(-Math.PI / 2);
    g.drawString("observed share right", -(MARGIN + plot / 2 + 60), MARGIN - 45);
    g.rotate(Math.PI / 2);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, MARGIN, MARGIN - 30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int legend = 0;
    for (Map.Entry<String, List<Answerability.Item>> e : bySet.entrySet()) {
      Color c = COLORS[legend % COLORS.length];
      Answerability.Summary s = Answerability.summarize(e.getValue());
      g.setColor(c);
      g.setStroke(new BasicStroke(2));
      int prevX = -1;
      int prevY = -1;
      for (int b = 0; b < Answerability.BINS; b++) {
        if (s.binCount()[b] == 0) {
          continue;
        }
        int x = MARGIN + (int) Math.round(plot * s.binConfidence()[b]);
        int y = MARGIN + plot - (int) Math.round(plot * s.binAccuracy()[b]);
        int r = 3 + (int) Math.min(9, Math.sqrt(s.binCount()[b]) / 2);
        g.fillOval(x - r, y - r, 2 * r, 2 * r);
        if (prevX >= 0) {
          g.drawLine(prevX, prevY, x, y);
        }
        prevX = x;
        prevY = y;
      }
      g.drawString(
          String.format(
              Locale.ROOT,
              "%s: %d questions, calibration error %.3f, AUROC %.3f",
              e.getKey(),
              e.getValue().size(),
              s.calibrationError(),
              s.auroc()),
          MARGIN,
          SIZE + 10 + 18 * legend);
      legend++;
    }
    g.dispose();
    // Not ImageIO.write(img, "png", File): it deletes the file first (an empty folder too) and,
    // when the file cannot be opened, prints a stack trace on stderr itself.
    try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(png)) {
      ImageIO.write(img, "png", out);
    }
  }
}
