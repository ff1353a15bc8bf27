package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.time.ModelTimeUnit;
import org.junit.jupiter.api.Test;

class MbgNbdModelTest {

  @Test
  void cdnowMatchesBtydPlus() {
    RecencyFrequencyData data = CdnowFixture.load();
    MbgNbdModel m = MbgNbdModel.fit(data);
    ModelFit f = m.fitResult().orElseThrow();
    System.out.println(f);
    // BTYDplus mbgnbd on CDNOW as quoted by lifetimes' test suite (3 decimals):
    // r = 0.525, alpha = 6.183, a = 0.891, b = 1.614 -> half a unit in the last digit
    assertEquals(0.525, m.r(), 0.0005);
    assertEquals(6.183, m.alpha(), 0.0005);
    assertEquals(0.891, m.a(), 0.0005);
    assertEquals(1.614, m.b(), 0.0005);
    assertTrue(f.converged());
  }

  @Test
  void noRepeatCustomerMayBeDead() {
    // MBG/NBD: P(alive | x = 0, T) = 1 / (1 + a/b (alpha+T)^r / alpha^r) ... with t_x = 0:
    // (alpha+T)/(alpha+0) = (1+1)/1 = 2, r = 1, a = b = 1 -> 1/(1 + 1 * 2) = 1/3
    MbgNbdModel m = MbgNbdModel.of(1, 1, 1, 1, ModelTimeUnit.WEEKS);
    assertEquals(1.0 / 3, m.probabilityAlive(0, 0, 1), 1e-15);
  }
}
