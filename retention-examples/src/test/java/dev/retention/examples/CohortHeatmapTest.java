package dev.retention.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retention.cohort.CohortMatrix;
import dev.retention.cohort.CohortSpec;
import dev.retention.data.TransactionLog;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class CohortHeatmapTest {

  @Test
  void svgIsWellFormedAndDrawsOneCellPerObservableValue() throws Exception {
    // Cohort Jan (a, b) and Feb (c), observed to 2024-03-31: Jan has offsets 0, 1, 2 observable,
    // Feb 0 and 1, March is an empty cohort (left out); the average row has 3 defined columns.
    // Cells: 3 + 2 + 3 = 8 rectangles, plus the background and the legend = 10.
    Currency usd = Currency.getInstance("USD");
    TransactionLog log = TransactionLog.builder(usd, ZoneOffset.UTC)
        .purchase("a", LocalDate.of(2024, 1, 5), 100).purchase("a", LocalDate.of(2024, 3, 5), 100)
        .purchase("b", LocalDate.of(2024, 1, 9), 100).purchase("c", LocalDate.of(2024, 2, 1), 100)
        .build();
    CohortMatrix m = CohortMatrix.compute(log,
        CohortSpec.monthly(ZoneOffset.UTC).withObservationEnd(LocalDate.of(2024, 3, 31)));
    String svg = CohortHeatmap.svg(m, "t <&> t");
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertEquals("svg", doc.getDocumentElement().getTagName());
    assertEquals(10, doc.getElementsByTagName("rect").getLength());
  }

  @Test
  void colourScaleEnds() {
    assertEquals("#ffffd9", CohortHeatmap.colour(0)); // ColorBrewer YlGnBu lightest
    assertEquals("#081d58", CohortHeatmap.colour(1)); // and darkest
  }
}
