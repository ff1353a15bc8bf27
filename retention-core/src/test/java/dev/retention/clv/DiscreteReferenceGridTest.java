package dev.retention.clv;

import dev.retention.testing.ReferenceGrid;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * BG/BB and sBG predictions against {@code refgrid/bgbb.tsv.gz} and {@code refgrid/sbg.tsv.gz}:
 * the papers' formulas (Fader, Hardie and Shang 2010 eqs. 5, 7, 8, 11, 13, 14 and the
 * technical appendix; Fader and Hardie 2007, 2010 eq. 6) evaluated by
 * {@code tools/refgrid/gen_discrete.py} with mpmath at 50 and 80 digits, independently of this
 * code. Parameters 1e-3 to 1e3 with the corners, γ at and within 1e-8 of 1; n and horizons up to
 * 1,000 opportunities (sBG periods to 100,000); discount rates 1e-6 to 10 (and 0 for the
 * finite-horizon DERL). Tolerance per point: {@code max(1e-10, 16·κ·2⁻⁵³)} relative or 1e-300
 * absolute (see {@link ReferenceGrid}).
 */
class DiscreteReferenceGridTest {
  private static final ReferenceGrid BGBB = ReferenceGrid.load("/refgrid/bgbb.tsv.gz");
  private static final ReferenceGrid SBG = ReferenceGrid.load("/refgrid/sbg.tsv.gz");

  private static BetaGeometricBetaBinomialModel bgbb(ReferenceGrid.Point p) {
    return BetaGeometricBetaBinomialModel.of(p.d(0), p.d(1), p.d(2), p.d(3));
  }

  private static ShiftedBetaGeometricModel sbg(ReferenceGrid.Point p) {
    return ShiftedBetaGeometricModel.of(p.d(0), p.d(1));
  }

  @Test
  void bgbbProbabilityAlive() {
    BGBB.check("bgbb.pAlive", Counts.BGBB_PALIVE,
        p -> bgbb(p).probabilityAlive(p.i(4), p.i(5), p.i(6)));
  }

  @Test
  void bgbbProbabilityAliveAt() {
    BGBB.check("bgbb.pAliveAt", Counts.BGBB_PALIVE_AT,
        p -> bgbb(p).probabilityAliveAt(p.i(4), p.i(5), p.i(6), p.i(7)));
  }

  @Test
  void bgbbConditionalExpectedTransactions() {
    BGBB.check("bgbb.condExp", Counts.BGBB_COND_EXP,
        p -> bgbb(p).expectedTransactions(p.i(4), p.i(5), p.i(6), p.i(7)));
  }

  @Test
  void bgbbDiscountedExpectedResidualTransactions() {
    BGBB.check("bgbb.dert", Counts.BGBB_DERT,
        p -> bgbb(p).discountedExpectedResidualTransactions(p.d(4), p.i(5), p.i(6), p.i(7)));
  }

  @Test
  void bgbbExpectedTransactionsOfANewCustomer() {
    BGBB.check("bgbb.expNew", Counts.BGBB_EXP_NEW,
        p -> bgbb(p).expectedTransactionsNewCustomer(p.i(4)));
  }

  @Test
  void bgbbProbabilityOfTransactions() {
    BGBB.check("bgbb.pmf", Counts.BGBB_PMF,
        p -> bgbb(p).probabilityOfTransactions(p.i(4), p.i(5)));
  }

  @Test
  void bgbbConditionalProbabilityOfTransactions() {
    BGBB.check("bgbb.condPmf", Counts.BGBB_COND_PMF,
        p -> bgbb(p).conditionalProbabilityOfTransactions(p.i(4), p.i(5), p.i(6), p.i(7),
            p.i(8)));
  }

  @Test
  void bgbbExpectedCustomersByRepeatCount() {
    // the generator writes several repeat counts of one (parameters, n): build each once
    Map<String, double[]> cache = new HashMap<>();
    BGBB.check("bgbb.histogram", Counts.BGBB_HISTOGRAM, p -> {
      String key = String.join(",", p.inputs()[0], p.inputs()[1], p.inputs()[2],
          p.inputs()[3], p.inputs()[4], p.inputs()[6]);
      return cache.computeIfAbsent(key,
          k -> bgbb(p).expectedCustomersByRepeatCount(p.d(4), p.i(6)))[p.i(5)];
    });
  }

  @Test
  void sbgSurvival() {
    SBG.check("sbg.survival", Counts.SBG_SURVIVAL, p -> sbg(p).survival(p.i(2)));
  }

  @Test
  void sbgSurvivalCurve() {
    SBG.check("sbg.curve", Counts.SBG_CURVE, p -> sbg(p).survivalCurve(p.i(2))[p.i(3)]);
  }

  @Test
  void sbgRetentionRate() {
    SBG.check("sbg.retention", Counts.SBG_RETENTION, p -> sbg(p).retentionRate(p.i(2)));
  }

  @Test
  void sbgChurnProbability() {
    SBG.check("sbg.churn", Counts.SBG_CHURN, p -> sbg(p).churnProbability(p.i(2)));
  }

  @Test
  void sbgDiscountedExpectedResidualLifetime() {
    SBG.check("sbg.derl", Counts.SBG_DERL,
        p -> sbg(p).discountedExpectedResidualLifetime(p.d(2), p.i(3)));
  }

  @Test
  void sbgDiscountedExpectedResidualLifetimeOverAFiniteHorizon() {
    SBG.check("sbg.derlFinite", Counts.SBG_DERL_FINITE,
        p -> sbg(p).discountedExpectedResidualLifetime(p.d(2), p.i(3), p.i(4)));
  }

  /** Points per prediction, as the generator wrote them (its report lists the same counts). */
  private static final class Counts {
    static final int BGBB_PALIVE = 2500;
    static final int BGBB_PALIVE_AT = 2500;
    static final int BGBB_COND_EXP = 2500;
    static final int BGBB_DERT = 2500;
    static final int BGBB_EXP_NEW = 2500;
    static final int BGBB_PMF = 2500;
    static final int BGBB_COND_PMF = 2500;
    static final int BGBB_HISTOGRAM = 2583;
    static final int SBG_SURVIVAL = 2750;
    static final int SBG_CURVE = 2750;
    static final int SBG_RETENTION = 2750;
    static final int SBG_CHURN = 2750;
    static final int SBG_DERL = 2744;
    static final int SBG_DERL_FINITE = 2750;
  }
}
