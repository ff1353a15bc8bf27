package dev.retention.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SegmentReportExampleTest {
  @Test
  void runsOnCdnow() throws Exception {
    Path p = Path.of("../../shared/data/CDNOW_master.txt");
    Assumptions.assumeTrue(Files.exists(p),
        "CDNOW_master.txt not found, skipping: needs ../shared beside the checkout");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SegmentReportExample.run(SegmentReportExample.readCdnow(p),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    // 23,570 customers in every segmentation as of the end of the data (data README)
    assertTrue(out.contains("# migration 1997-12-31 -> 1998-06-30"), out);
    assertTrue(out.contains("\nChampions,"), out);
    assertTrue(out.contains("\nCHURNED,"), out);
  }
}
