package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retention.time.ModelTimeUnit;
import org.junit.jupiter.api.Test;

/** BG/NBD predictions against published spreadsheets and BTYD (R) outputs. */
class BgNbdPredictionTest {
  // FHL (2005) estimates on CDNOW, as used by Hardie's spreadsheets and BTYD's examples
  private static final BgNbdModel FHL =
      BgNbdModel.of(0.2425945, 4.4136019, 0.7929199, 2.4258881, ModelTimeUnit.WEEKS);
  private static final BgNbdModel BTYD = BgNbdModel.of(0.243, 4.414, 0.793, 2.426,
      ModelTimeUnit.WEEKS);

  @Test
  void conditionalExpectationHardieSpreadsheet() {
    // FHL 2005 / Hardie's BG/NBD spreadsheet: x = 2, t_x = 30.43, T = 38.86, t = 39 -> 1.226
    assertEquals(1.226, FHL.conditionalExpectedPurchases(2, 30.43, 38.86, 39), 0.0005);
  }

  @Test
  void unconditionalExpectationHardieSpreadsheet() {
    // Hardie's spreadsheet (4 decimals), as quoted in lifetimes' tests; the sheet's own parameter
    // values differ in later digits, which moves E[X(78)] by ~4e-4, hence 5e-4.
    double[] t = {0.1429, 1.0, 3.00, 31.8571, 32.00, 78.00};
    double[] e = {0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576};
    // mpmath 1.3.0 (dps 30): (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r hyp2f1(r, b, a+b-1, t/(alpha+t))]
    double[] mp = {0.007815999744, 0.05318428169, 0.150630784, 1.040487985, 1.043730881,
        1.857956009};
    for (int i = 0; i < t.length; i++) {
      assertEquals(e[i], FHL.expectedPurchases(t[i]), 5e-4, "t=" + t[i]);
      assertEquals(mp[i], FHL.expectedPurchases(t[i]), 1e-9, "mpmath t=" + t[i]);
    }
  }

  @Test
  void pmfMatchesBtyd() {
    // BTYD bgnbd.pmf with params (0.243, 4.414, 0.793, 2.426) (BTYD reference manual examples)
    assertEquals(1.07869e-07, BTYD.probabilityOfPurchases(10, 2), 1e-11);
    assertEquals(0.5737864, BTYD.probabilityOfPurchases(0, 39), 1e-7);
    double[] e = {0.0019995214, 0.0015170236, 0.0011633150, 0.0009003148, 0.0007023638,
        0.0005517902, 0.0004361913, 0.0003467171, 0.0002769613, 0.0002222260};
    for (int n = 11; n <= 20; n++) {
      assertEquals(e[n - 11], BTYD.probabilityOfPurchases(n, 30), 1e-10, "n=" + n);
    }
  }

  @Test
  void probabilityAliveHandComputed() {
    // x = 2, t_x = 30.43, T = 38.86: 1/(1 + a/(b+1) ((alpha+T)/(alpha+t_x))^(r+2))
    double r = 0.2425945;
    double alpha = 4.4136019;
    double a = 0.7929199;
    double b = 2.4258881;
    double expected = 1 / (1 + a / (b + 1) * Math.pow((alpha + 38.86) / (alpha + 30.43), r + 2));
    assertEquals(expected, FHL.probabilityAlive(2, 30.43, 38.86), 1e-15);
    assertEquals(1.0, FHL.probabilityAlive(0, 0, 38.86), 0.0);
  }
}
