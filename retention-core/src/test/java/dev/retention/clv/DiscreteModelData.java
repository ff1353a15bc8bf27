package dev.retention.clv;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test fixtures: the published data sets of the discrete-time and spend models. The CSV files are
 * read from {@code ../../shared/data} relative to the module directory (surefire's working
 * directory); tests skip when it is absent.
 */
final class DiscreteModelData {

  static final Path DATA = Path.of("..", "..", "shared", "data");

  /**
   * Fader & Hardie (2007), "How to Project Customer Retention", Table 1: customers of a 1,000
   * cohort still active at the start of years 0..12.
   */
  static final long[] REGULAR =
      {1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173};

  static final long[] HIGH_END =
      {1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394};

  private DiscreteModelData() {}

  static List<String> lines(String file) throws IOException {
    Path path = DATA.resolve(file);
    assumeTrue(Files.exists(path),
        path + " not found, skipping: needs ../shared beside the checkout");
    return Files.readAllLines(path, StandardCharsets.US_ASCII);
  }

  /** The repeat customers (x > 0) of cdnow_customers_summary_with_transactions.csv. */
  static GammaGammaData cdnowRepeatSpend() throws IOException {
    List<String> lines = lines("cdnow_customers_summary_with_transactions.csv");
    int n = lines.size() - 1;
    double[] x = new double[n];
    double[] zbar = new double[n];
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",");
      x[i] = Double.parseDouble(f[1]);
      zbar[i] = Double.parseDouble(f[4]);
    }
    return GammaGammaData.ofRepeatCustomers(x, zbar);
  }

  /** donations.csv: frequency, recency, periods, weights. */
  static BetaGeometricBetaBinomialData donations() throws IOException {
    List<String> lines = lines("donations.csv");
    int n = lines.size() - 1;
    double[] x = new double[n];
    double[] t = new double[n];
    double[] p = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",");
      x[i] = Double.parseDouble(f[0]);
      t[i] = Double.parseDouble(f[1]);
      p[i] = Double.parseDouble(f[2]);
      w[i] = Double.parseDouble(f[3]);
    }
    return BetaGeometricBetaBinomialData.of(x, t, p, w);
  }
}
