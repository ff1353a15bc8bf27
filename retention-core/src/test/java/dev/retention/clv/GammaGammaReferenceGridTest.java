package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.testing.ReferenceGrid;
import org.junit.jupiter.api.Test;

/**
 * Gamma-Gamma expected spend against {@code refgrid/gammagamma.tsv.gz}: Fader, Hardie and Lee
 * (2005) eq. 5 evaluated by {@code tools/refgrid/gen_discrete.py} with mpmath at 50 and 80 digits
 * (in the weighted-mean form, not the Java's), x from 1 to 100,000, mean spend from 1e-6 to 1e9,
 * p, q, γ from 1e-3 to 1e3 with q at and within 1e-8 of 1.
 */
class GammaGammaReferenceGridTest {
  private static final ReferenceGrid GRID = ReferenceGrid.load("/refgrid/gammagamma.tsv.gz");

  @Test
  void conditionalExpectedAverageSpend() {
    GRID.check("gg.condSpend", 2050, p -> GammaGammaModel.of(p.d(0), p.d(1), p.d(2))
        .conditionalExpectedAverageSpend(p.i(3), p.d(4)));
  }

  @Test
  void populationMeanSpend() {
    GRID.check("gg.popMean", 2050,
        p -> GammaGammaModel.of(p.d(0), p.d(1), p.d(2)).populationMeanSpend());
  }

  @Test
  void infiniteMeansNameTheParameterAndTheRule() {
    // q <= 1: E[M] = pγ/(q − 1) has no finite value (the Gamma(q, γ) rate has E[1/ν] = ∞)
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> GammaGammaModel.of(2, 1.0, 3).populationMeanSpend());
    assertTrue(e.getMessage().contains("q") && e.getMessage().contains("> 1")
        && e.getMessage().contains("was 1.0"), e.getMessage());
    // p·x + q <= 1: 0.25·2 + 0.5 = 1
    e = assertThrows(IllegalStateException.class,
        () -> GammaGammaModel.of(0.25, 0.5, 3).conditionalExpectedAverageSpend(2, 10.0));
    assertTrue(e.getMessage().contains("p*x + q") && e.getMessage().contains("> 1"),
        e.getMessage());
  }
}
