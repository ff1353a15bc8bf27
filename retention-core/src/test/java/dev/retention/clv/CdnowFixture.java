package dev.retention.clv;

import dev.retention.time.ModelTimeUnit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Loads the shared CDNOW calibration summary (2,357 customers, weeks); skips when absent. */
final class CdnowFixture {
  static final Path SUMMARY = Path.of("../../shared/data/cdnow_customers_summary.csv");

  private CdnowFixture() {}

  static RecencyFrequencyData load() {
    Assumptions.assumeTrue(Files.exists(SUMMARY),
        SUMMARY + " not found, skipping: needs ../shared beside the checkout");
    try {
      List<String> lines = Files.readAllLines(SUMMARY, StandardCharsets.UTF_8);
      int n = lines.size() - 1;
      double[] x = new double[n];
      double[] tx = new double[n];
      double[] t = new double[n];
      for (int i = 0; i < n; i++) {
        String[] f = lines.get(i + 1).trim().split(",");
        x[i] = Double.parseDouble(f[1]);
        tx[i] = Double.parseDouble(f[2]);
        t[i] = Double.parseDouble(f[3]);
      }
      return RecencyFrequencyData.of(x, tx, t, ModelTimeUnit.WEEKS);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
