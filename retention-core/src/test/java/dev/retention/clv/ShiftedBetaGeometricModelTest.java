package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShiftedBetaGeometricModelTest {

  @Test
  void uniformChurnProbabilityHasClosedForms() {
    // α = β = 1 (θ uniform): S(t) = B(1, 1+t)/B(1,1) = 1/(t+1), r(t) = t/(t+1),
    // P(T = t) = 1/t − 1/(t+1) = 1/(t(t+1))
    ShiftedBetaGeometricModel model = ShiftedBetaGeometricModel.of(1, 1);
    double[] curve = model.survivalCurve(50);
    for (int t = 0; t <= 50; t++) {
      assertEquals(1.0 / (t + 1), model.survival(t), 1e-13, "t=" + t);
      assertEquals(1.0 / (t + 1), curve[t], 1e-13, "t=" + t);
      if (t >= 1) {
        assertEquals(t / (t + 1.0), model.retentionRate(t), 1e-15);
        assertEquals(1.0 / (t * (t + 1.0)), model.churnProbability(t), 1e-13);
      }
    }
    assertEquals(1000.0 / 4, model.expectedSurvivors(1000, 3), 1e-10);
  }

  @Test
  void smallFixture() {
    // α = 2, β = 3: S(1) = 3/5, S(2) = 3/5 · 4/6 = 0.4, P(T=2) = S(1) · 2/(2+3+1) = 0.2
    ShiftedBetaGeometricModel model = ShiftedBetaGeometricModel.of(2, 3);
    assertEquals(0.6, model.survival(1), 1e-14);
    assertEquals(0.4, model.survival(2), 1e-14);
    assertEquals(0.2, model.churnProbability(2), 1e-14);
    assertEquals(0.4, model.churnProbability(1), 1e-14);
  }

  @Test
  void derlHandChecked() {
    // α = β = 1, 0 renewals: DERL = Σ_{j>=0} S(1+j) z^j = Σ z^j/(j+2) = (−ln(1−z) − z)/z²;
    // d = 1 → z = 1/2: (ln 2 − 1/2)·4 = 0.7725887222397811
    ShiftedBetaGeometricModel model = ShiftedBetaGeometricModel.of(1, 1);
    assertEquals((Math.log(2) - 0.5) * 4, model.discountedExpectedResidualLifetime(1.0, 0),
        1e-14);
    // 1 renewal: Σ S(2+j)/S(1) z^j = Σ 2 z^j/(j+3) = 2(−ln(1−z) − z − z²/2)/z³
    assertEquals(2 * (Math.log(2) - 0.5 - 0.125) * 8,
        model.discountedExpectedResidualLifetime(1.0, 1), 1e-14);
    // the same sum by brute force for other parameters: α = 0.668, β = 3.806, d = 0.1, n = 3
    ShiftedBetaGeometricModel high = ShiftedBetaGeometricModel.of(0.668, 3.806);
    double brute = 0.0;
    double discount = 1.0;
    for (int j = 0; j < 20_000; j++) {
      brute += high.survival(4 + j) / high.survival(3) * discount;
      discount /= 1.1;
    }
    assertEquals(brute, high.discountedExpectedResidualLifetime(0.1, 3), 1e-10);
  }

  @Test
  void logLikelihoodHandChecked() {
    // survivors 10, 6, 3 with α = β = 1: 4 ln P(T=1) + 3 ln P(T=2) + 3 ln S(2)
    //   = 4 ln(1/2) + 3 ln(1/6) + 3 ln(1/3)
    double expected = 4 * Math.log(0.5) + 3 * Math.log(1.0 / 6) + 3 * Math.log(1.0 / 3);
    assertEquals(expected,
        ShiftedBetaGeometricModel.of(1, 1).logLikelihood(ShiftedBetaGeometricData.of(10, 6, 3)),
        1e-12);
  }

  @Test
  void analyticDerivativesMatchFiniteDifferences() {
    ShiftedBetaGeometricData data =
        ShiftedBetaGeometricData.of(1000, 631, 468, 382, 326, 289, 262, 241);
    double[] theta = {0.9, 1.7};
    double[] grad = new double[2];
    double[] hess = new double[4];
    ShiftedBetaGeometricModel.logLikelihood(theta[0], theta[1], data, grad, hess);
    for (int k = 0; k < 2; k++) {
      double h = 1e-6;
      double[] up = theta.clone();
      double[] dn = theta.clone();
      up[k] += h;
      dn[k] -= h;
      double[] gu = new double[2];
      double[] gd = new double[2];
      double fu = ShiftedBetaGeometricModel.logLikelihood(up[0], up[1], data, gu, null);
      double fd = ShiftedBetaGeometricModel.logLikelihood(dn[0], dn[1], data, gd, null);
      assertEquals((fu - fd) / (2 * h), grad[k], 1e-5);
      for (int j = 0; j < 2; j++) {
        assertEquals((gu[j] - gd[j]) / (2 * h), hess[2 * k + j], 1e-4);
      }
    }
  }

  @Test
  void validationNamesPeriodRuleAndValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ShiftedBetaGeometricData.of(1000, 631, 700));
    assertEquals("survivors must be non-increasing, survivors[2] was 700 > survivors[1] = 631",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ShiftedBetaGeometricData.of(1000, -1));
    assertEquals("survivors[1] must be >= 0, was -1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ShiftedBetaGeometricData.of(1000));
    assertTrue(e.getMessage().startsWith("survivors must hold at least 2 periods"));
    e = assertThrows(IllegalArgumentException.class,
        () -> ShiftedBetaGeometricModel.of(1, 1).discountedExpectedResidualLifetime(0.0, 1));
    assertTrue(e.getMessage().startsWith("discountRate must be finite and >= 1.0E-6"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ShiftedBetaGeometricModel.of(1, 1).retentionRate(0));
    assertEquals("t must be >= 1, was 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ShiftedBetaGeometricModel.of(-1, 1));
    assertEquals("alpha must be finite and > 0, was -1.0", e.getMessage());
  }

  @Test
  void extremeValidInputsGiveFiniteValues() {
    double[] params = {1e-3, 1.0, 1e3};
    for (double a : params) {
      for (double b : params) {
        ShiftedBetaGeometricModel model = ShiftedBetaGeometricModel.of(a, b);
        for (int t : new int[] {0, 1, 10_000}) {
          double s = model.survival(t);
          assertTrue(s >= 0 && s <= 1, model + " S(" + t + ")=" + s);
        }
        double r = model.retentionRate(10_000);
        assertTrue(r > 0 && r < 1, model + " r=" + r);
        double derl = model.discountedExpectedResidualLifetime(1e-3, 10_000);
        assertTrue(Double.isFinite(derl) && derl > 0 && derl <= 1001, model + " DERL=" + derl);
        double ll = model.logLikelihood(ShiftedBetaGeometricData.of(1000, 1000, 0));
        assertTrue(Double.isFinite(ll), model + " ll=" + ll);
      }
    }
  }

  @Test
  void finiteHorizonDerlHandChecked() {
    // α = β = 1, n = 0, d = 1, m = 2: S(1) + S(2)/2 = 1/2 + (1/3)/2 = 2/3; m = 0: 0;
    // d = 0, m = 3: S(1) + S(2) + S(3) = 1/2 + 1/3 + 1/4
    ShiftedBetaGeometricModel model = ShiftedBetaGeometricModel.of(1, 1);
    assertEquals(2.0 / 3, model.discountedExpectedResidualLifetime(1.0, 0, 2), 1e-15);
    assertEquals(0.0, model.discountedExpectedResidualLifetime(1.0, 0, 0));
    assertEquals(1.0 / 2 + 1.0 / 3 + 1.0 / 4, model.discountedExpectedResidualLifetime(0.0, 0, 3),
        1e-15);
    // a long horizon converges to the infinite-horizon DERL
    ShiftedBetaGeometricModel high = ShiftedBetaGeometricModel.of(0.668, 3.806);
    assertEquals(high.discountedExpectedResidualLifetime(0.1, 3),
        high.discountedExpectedResidualLifetime(0.1, 3, 100_000), 1e-13);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> high.discountedExpectedResidualLifetime(-0.1, 3, 10));
    assertEquals("discountRate must be finite and >= 0, was -0.1", e.getMessage());
  }

  @Test
  void survivalClampOnlyRemovesRounding() {
    // beyond 2048 periods S(t) = S(2048)·exp(min(0, ln B(α, β+t) − ln B(α, β+2048))). For
    // α = 1e-15, β = 1, t = 10^6 the truth is 1 − α(ψ(1+10^6) − ψ(1)) ≈ 1 − 1.44e-14: the result
    // must be at most 1 and within 1e-12 of it
    ShiftedBetaGeometricModel m = ShiftedBetaGeometricModel.of(1e-15, 1);
    double s = m.survival(1_000_000);
    assertTrue(s <= 1.0, "S " + s);
    assertEquals(1 - 1e-15 * (Math.log(1e6) + 0.5772156649015329), s, 1e-12);
    // the curve never rises and never exceeds 1
    double[] c = ShiftedBetaGeometricModel.of(1e-300, 1e-3).survivalCurve(5000);
    for (int t = 1; t < c.length; t++) {
      assertTrue(c[t] <= c[t - 1] && c[t] <= 1.0, "t=" + t);
    }
  }
}
