package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BgNbdModelTest {

  @Test
  void cdnowMatchesFaderHardieLee2005() {
    RecencyFrequencyData data = CdnowFixture.load();
    BgNbdModel m = BgNbdModel.fit(data);
    ModelFit f = m.fitResult().orElseThrow();
    System.out.println(f);
    // Fader, Hardie & Lee (2005), section 5: r = 0.2426, alpha = 4.4135, a = 0.7929,
    // b = 2.4258, LL = -9582.43 (published to 4 decimals: 1e-3 relative covers the rounding)
    assertEquals(0.2426, m.r(), 1e-3 * 0.2426);
    assertEquals(4.4135, m.alpha(), 1e-3 * 4.4135);
    assertEquals(0.7929, m.a(), 1e-3 * 0.7929);
    assertEquals(2.4258, m.b(), 1e-3 * 2.4258);
    assertEquals(-9582.43, f.logLikelihood(), 0.01);
    assertTrue(f.converged());
    // Standard errors: an independent Python/mpmath 1.3.0 (dps 30) implementation of FHL eq. 6,
    // Hessian by second central differences (step 1e-6 relative) at this optimum, inverted:
    // 0.012557319, 0.37822138, 0.18571907, 0.70534547 (the script's own LL there: -9582.42556).
    // 1e-4 relative covers both finite-difference Hessians.
    double[] se = f.standardErrors();
    double[] expected = {0.012557319, 0.37822138, 0.18571907, 0.70534547};
    for (int i = 0; i < 4; i++) {
      assertEquals(expected[i], se[i], 1e-4 * expected[i], f.parameterNames().get(i));
    }
    assertEquals(2 * 4 + 2 * 9582.4256, f.aic(), 1e-3);
    assertEquals(4 * Math.log(2357) + 2 * 9582.4256, f.bic(), 1e-3);
  }
}
