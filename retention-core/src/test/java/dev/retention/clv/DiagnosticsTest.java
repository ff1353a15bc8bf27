package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.time.ModelTimeUnit;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {

  @Test
  void holdoutComparisonByHand() {
    // p = {1,2,3}, a = {1,3,5}: |d| = {0,1,2} -> MAE 1; RMSE sqrt(5/3);
    // centred p {-1,0,1}, a {-2,0,2} -> correlation exactly 1
    HoldoutComparison c = HoldoutComparison.of(new double[] {1, 2, 3}, new double[] {1, 3, 5});
    assertEquals(1.0, c.meanAbsoluteError(), 1e-15);
    assertEquals(Math.sqrt(5.0 / 3), c.rootMeanSquaredError(), 1e-15);
    assertEquals(1.0, c.correlation().orElseThrow(), 1e-15);
    assertEquals(6.0, c.predictedTotal(), 0.0);
    assertEquals(9.0, c.actualTotal(), 0.0);
    // constant actuals: correlation undefined, not NaN
    assertTrue(HoldoutComparison.of(new double[] {1, 2}, new double[] {4, 4}).correlation()
        .isEmpty());
  }

  @Test
  void trackingCurveAgainstBtydExpectations() {
    // BTYD pnbd.Expectation, params c(0.55, 10.56, 0.61, 11.64): E(1) = 0.05077821,
    // E(2) = 0.09916088, E(3) = 0.14542507. Customers born at 0 and 1, grid 1, 2, 3:
    // expected = {E(1), E(2) + E(1), E(3) + E(2)}; actual repeat purchases at 0.5, 2.5, 2.9
    ParetoNbdModel m = ParetoNbdModel.of(0.55, 10.56, 0.61, 11.64, ModelTimeUnit.WEEKS);
    Diagnostics.TrackingCurve c = Diagnostics.trackingCurve(m, new double[] {0, 1},
        new double[] {2.5, 0.5, 2.9}, 1.0, 3);
    assertEquals(0.05077821, c.expectedCumulative()[0], 1e-8);
    assertEquals(0.09916088 + 0.05077821, c.expectedCumulative()[1], 1e-8);
    assertEquals(0.14542507 + 0.09916088, c.expectedCumulative()[2], 1e-8);
    assertEquals(1.0, c.actualCumulative()[0], 0.0);
    assertEquals(1.0, c.actualCumulative()[1], 0.0);
    assertEquals(3.0, c.actualCumulative()[2], 0.0);
  }

  @Test
  void frequencyHistogramAgainstBtydPmf() {
    // one customer observed 39 weeks with x = 0: expected[0] = P(X(39) = 0) = 0.5737864 (BTYD
    // bgnbd.pmf, params 0.243, 4.414, 0.793, 2.426); the buckets sum to one customer
    BgNbdModel m = BgNbdModel.of(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.WEEKS);
    RecencyFrequencyData d = RecencyFrequencyData.of(new double[] {0}, new double[] {0},
        new double[] {39}, ModelTimeUnit.WEEKS);
    Diagnostics.FrequencyHistogram h = Diagnostics.frequencyHistogram(m, d, 7);
    assertEquals(0.5737864, h.expected()[0], 1e-7);
    double sum = 0;
    for (double v : h.expected()) {
      sum += v;
    }
    assertEquals(1.0, sum, 1e-12);
    assertEquals(1.0, h.observed()[0], 0.0);
  }

  @Test
  void cdnowHistogramSumsAndTracksClosely() {
    RecencyFrequencyData data = CdnowFixture.load();
    BgNbdModel m = BgNbdModel.fit(data);
    Diagnostics.FrequencyHistogram h = Diagnostics.frequencyHistogram(m, data, 7);
    // observed zeros: 1,411 of the 2,357 CDNOW sample customers make no repeat purchase in the
    // calibration period (FHL 2005, section 5); the model's expectation is close (FHL fig. 3)
    assertEquals(1411, h.observed()[0], 0.0);
    assertEquals(1411, h.expected()[0], 0.02 * 1411);
  }
}
