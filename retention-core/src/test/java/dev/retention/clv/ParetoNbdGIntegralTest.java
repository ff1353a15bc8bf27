package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The G integral of the likelihood, ln H(t) = ln G(t) + p ln(α+t) + (s+1) ln(β+t) with
 * G(t) = ∫_t^∞ (α+τ)^{−p}(β+τ)^{−(s+1)} dτ, at points the optimiser reaches (α ≫ β, β ≫ α, huge
 * p, tiny shapes, α = β), against mpmath 1.3.0 at 30 digits: FH 2005 note eq. 18–19
 * (hyp2f1(p+s, s+1 or p; p+s+1; |α−β|/(max+t)) / (max+t)^{p+s} / (p+s)) where p + s ≤ 2000, else
 * mpmath.quad of the defining integral (relative to its integrand at t, breakpoints t + h·4^k,
 * h = 1/(p/(α+t) + (s+1)/(β+t))). Absolute tolerance 1e-13 on ln H (relative 1e-13 on G).
 */
class ParetoNbdGIntegralTest {

  @ParameterizedTest(name = "p={0} s={1} alpha={2} beta={3} t={4}")
  @CsvSource({
    "0.5, 0.6, 1e8, 1e-8, 30, 3.911878148630605307524467",
    "0.5, 0.6, 1e-8, 1e8, 30, 11.5454431755669814830562",
    "50000, 2, 1000, 0.001, 0, -7.64539143748543647797977",
    "1e-8, 1e-8, 5, 3000, 0, 25.73390106707337068053371",
    "3, 5000, 0.01, 1e6, 10, 1.565900284066484688234643",
    "1, 1, 2, 2, 0, 0",
    "100000.5, 0.001, 1e-5, 1000, 1e6, 2.302580093016445644249003",
    "0.001, 1000, 1e6, 0.5, 2, -5.991464547110484484361675"
  })
  void logHAgainstMpmath(double p, double s, double alpha, double beta, double t,
      double expected) {
    double[] d = new double[4];
    assertEquals(expected, ParetoNbdModel.logH(p, s, alpha, beta, t, null), 1e-13);
    // the partials are finite wherever the value is
    ParetoNbdModel.logH(p, s, alpha, beta, t, d);
    for (double v : d) {
      assertTrue(Double.isFinite(v), java.util.Arrays.toString(d));
    }
  }
}
