package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BgNbdModelTest {

  @Test
  void cdnowMatchesFaderHardieLee2005() {
    RecencyFrequencyData data = CdnowFixture.load();
    BgNbdModel m = BgNbdModel.fit(data);
    ModelFit f = m.fit().orElseThrow();
    System.out.println(f);
    // Fader, Hardie & Lee (2005), section 5: r = 0.2426, alpha = 4.4135, a = 0.7929,
    // b = 2.4258, LL = -9582.43 (published to 4 decimals: 1e-3 relative covers the rounding)
    assertEquals(0.2426, m.r(), 1e-3 * 0.2426);
    assertEquals(4.4135, m.alpha(), 1e-3 * 4.4135);
    assertEquals(0.7929, m.a(), 1e-3 * 0.7929);
    assertEquals(2.4258, m.b(), 1e-3 * 2.4258);
    assertEquals(-9582.43, f.logLikelihood(), 0.01);
    assertTrue(f.converged());
  }
}
