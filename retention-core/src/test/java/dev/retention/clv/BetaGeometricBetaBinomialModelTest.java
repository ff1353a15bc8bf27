package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BetaGeometricBetaBinomialModelTest {

  // α = 2, β = 3, γ = 1, δ = 4: E[p] = 2/5, E[θ] = 1/5; B(1, m) = 1/m makes the θ part explicit.
  private static final BetaGeometricBetaBinomialModel SMALL =
      BetaGeometricBetaBinomialModel.of(2, 3, 1, 4);

  @Test
  void oneOpportunityLikelihoodsByHand() {
    // (1,1,1): alive at 1 and transacted: E[p]·E[1−θ] = 2/5 · 4/5 = 0.32
    assertEquals(Math.log(0.32), SMALL.logLikelihood(1, 1, 1), 1e-14);
    // (0,0,1): dropped before 1 (1/5) or alive and no transaction (3/5 · 4/5): 0.68
    assertEquals(Math.log(0.68), SMALL.logLikelihood(0, 0, 1), 1e-14);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 7})
  void sequenceProbabilitiesSumToOne(int n) {
    // L(x, t_x, n) is the probability of one binary purchase sequence; C(t_x − 1, x − 1)
    // sequences share (x, t_x), so Σ C(t_x−1, x−1) L + L(0,0,n) = 1 for a proper model.
    BetaGeometricBetaBinomialModel model = BetaGeometricBetaBinomialModel.of(1.2, 0.75, 0.66, 2.8);
    double total = Math.exp(model.logLikelihood(0, 0, n));
    for (int tx = 1; tx <= n; tx++) {
      for (int x = 1; x <= tx; x++) {
        total += binomial(tx - 1, x - 1) * Math.exp(model.logLikelihood(x, tx, n));
      }
    }
    assertEquals(1.0, total, 1e-12, "n=" + n);
  }

  private static double binomial(int n, int k) {
    double c = 1.0;
    for (int i = 1; i <= k; i++) {
      c = c * (n - k + i) / i;
    }
    return c;
  }

  @Test
  void probabilityAliveByHand() {
    // (1,1,1): B(3,3)/B(2,3) · B(1,6)/B(1,4) / L = (2/5 · 4/5 · 5/6)/0.32 = 5/6
    assertEquals(5.0 / 6.0, SMALL.probabilityAlive(1, 1, 1), 1e-14);
    // (0,0,1): B(2,4)/B(2,3) · B(1,6)/B(1,4) / L = (3/5 · 4/5 · 5/6)/0.68 = 0.4/0.68
    assertEquals(0.4 / 0.68, SMALL.probabilityAlive(0, 0, 1), 1e-14);
    double[] out = new double[2];
    SMALL.probabilityAlive(BetaGeometricBetaBinomialData.of(new int[] {1, 0}, new int[] {1, 0},
        new int[] {1, 1}), out);
    assertEquals(5.0 / 6.0, out[0], 1e-14);
    assertEquals(0.4 / 0.68, out[1], 1e-14);
  }

  @Test
  void expectedTransactionsByHand() {
    // (1,1,1), n* = 1: P(alive at 2) · E[p | 1 of 1] = 5/6 · 3/6 = 5/12
    assertEquals(5.0 / 12.0, SMALL.expectedTransactions(1, 1, 1, 1), 1e-14);
    // n* = 2 adds the next period's term, ratio (δ+n+1)/(γ+δ+n+1) = 6/7: 5/12 · 13/7
    assertEquals(5.0 / 12.0 * 13.0 / 7.0, SMALL.expectedTransactions(1, 1, 1, 2), 1e-14);
    assertEquals(0.0, SMALL.expectedTransactions(1, 1, 1, 0), 0.0);
  }

  @Test
  void expectedTransactionsMatchPaperClosedForm() {
    // Fader, Hardie & Shang (2010) eq. 13 with γ ≠ 1, evaluated from log-gamma functions:
    // 1/L · B(α+x+1, β+n−x)/B(α,β) · δ/(γ−1) · Γ(γ+δ)/Γ(1+δ)
    //     · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+n*)/Γ(γ+δ+n+n*)]
    double a = 1.2035;
    double b = 0.7497;
    double g = 0.6567;
    double d = 2.7834;
    BetaGeometricBetaBinomialModel model = BetaGeometricBetaBinomialModel.of(a, b, g, d);
    int[][] patterns = {{0, 0, 6}, {3, 5, 6}, {6, 6, 6}, {1, 1, 6}, {2, 9, 12}};
    for (int[] pt : patterns) {
      int x = pt[0];
      int tx = pt[1];
      int n = pt[2];
      for (int nStar : new int[] {1, 5, 10}) {
        double lead = logBeta(a + x + 1, b + n - x) - logBeta(a, b)
            - model.logLikelihood(x, tx, n);
        double bracket = Math.exp(Gamma.logGamma(1 + d + n) - Gamma.logGamma(g + d + n))
            - Math.exp(Gamma.logGamma(1 + d + n + nStar) - Gamma.logGamma(g + d + n + nStar));
        double expected = Math.exp(lead) * d / (g - 1)
            * Math.exp(Gamma.logGamma(g + d) - Gamma.logGamma(1 + d)) * bracket;
        assertEquals(expected, model.expectedTransactions(x, tx, n, nStar), 1e-12,
            x + "," + tx + "," + n + " n*=" + nStar);
      }
    }
    // the unconditional expectation, eq. 7: α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+n)/
    // (Γ(γ+δ+n)Γ(1+δ))]
    for (int n : new int[] {1, 6, 30}) {
      double expected = a / (a + b) * d / (g - 1) * (1 - Math.exp(Gamma.logGamma(g + d)
          + Gamma.logGamma(1 + d + n) - Gamma.logGamma(g + d + n) - Gamma.logGamma(1 + d)));
      assertEquals(expected, model.expectedTransactionsNewCustomer(n), 1e-12, "n=" + n);
    }
  }

  private static double logBeta(double p, double q) {
    return Gamma.logGamma(p) + Gamma.logGamma(q) - Gamma.logGamma(p + q);
  }

  @Test
  void dertByHand() {
    // (1,1,1), γ = 1: B(1, δ+n+j)/B(1, δ) = 4/(5+j), so
    // DERT = B(4,3)/B(2,3)/L · Σ_{j>=1} 4 z^j/(5+j) = (0.2/0.32)·4·z^−5·(−ln(1−z) − Σ_{k=1..5} z^k/k)
    // with z = 1/(1+d); d = 1: z = 1/2.
    double z = 0.5;
    double partial = 0.0;
    for (int k = 1; k <= 5; k++) {
      partial += Math.pow(z, k) / k;
    }
    double expected = 0.2 / 0.32 * 4 * Math.pow(z, -5) * (-Math.log(1 - z) - partial);
    assertEquals(expected, SMALL.discountedExpectedResidualTransactions(1.0, 1, 1, 1), 1e-14);
    // and against the truncated definition Σ E[transactions in period j] /(1+d)^j for d = 0.1
    double brute = 0.0;
    double previous = 0.0;
    for (int j = 1; j <= 3000; j++) {
      double cumulative = SMALL.expectedTransactions(3, 5, 6, j);
      brute += (cumulative - previous) / Math.pow(1.1, j);
      previous = cumulative;
    }
    assertEquals(brute, SMALL.discountedExpectedResidualTransactions(0.1, 3, 5, 6), 1e-12);
  }

  @ParameterizedTest
  @ValueSource(longs = {11L, 12L, 13L})
  void analyticGradientMatchesFiniteDifferences(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int rows = 30;
    int[] x = new int[rows];
    int[] t = new int[rows];
    int[] n = new int[rows];
    double[] c = new double[rows];
    for (int i = 0; i < rows; i++) {
      n[i] = 1 + random.nextInt(15);
      t[i] = random.nextInt(n[i] + 1);
      x[i] = t[i] == 0 ? 0 : 1 + random.nextInt(t[i]);
      c[i] = 1 + random.nextInt(100);
    }
    BetaGeometricBetaBinomialData data = BetaGeometricBetaBinomialData.of(x, t, n, c);
    double[] theta = new double[4];
    for (int k = 0; k < 4; k++) {
      theta[k] = 0.3 + 3 * random.nextDouble();
    }
    double[] grad = new double[4];
    BetaGeometricBetaBinomialModel.logLikelihood(theta[0], theta[1], theta[2], theta[3], data,
        grad);
    for (int k = 0; k < 4; k++) {
      double h = 1e-6 * theta[k];
      double[] up = theta.clone();
      double[] dn = theta.clone();
      up[k] += h;
      dn[k] -= h;
      double fu = BetaGeometricBetaBinomialModel.logLikelihood(up[0], up[1], up[2], up[3], data,
          null);
      double fd = BetaGeometricBetaBinomialModel.logLikelihood(dn[0], dn[1], dn[2], dn[3], data,
          null);
      double fdGrad = (fu - fd) / (2 * h);
      assertEquals(fdGrad, grad[k], 1e-5 * Math.max(1, Math.abs(fdGrad)),
          "seed " + seed + " k " + k);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {21L, 22L})
  void aggregateLikelihoodEqualsSumOfPatternLikelihoods(long seed) {
    // two implementations: the fit's (recurrence tables of ln Γ, online log-sum-exp) and the
    // per-pattern one (Hipparchus logBeta per term); relative 1e-10 allows the recurrences'
    // rounding over up to 300 steps
    SplittableRandom random = new SplittableRandom(seed);
    int rows = 40;
    int[] x = new int[rows];
    int[] t = new int[rows];
    int[] n = new int[rows];
    double[] c = new double[rows];
    for (int i = 0; i < rows; i++) {
      n[i] = random.nextInt(300);
      t[i] = random.nextInt(n[i] + 1);
      x[i] = t[i] == 0 ? 0 : 1 + random.nextInt(t[i]);
      c[i] = random.nextInt(50);
    }
    c[0] = 1;
    BetaGeometricBetaBinomialData data = BetaGeometricBetaBinomialData.of(x, t, n, c);
    for (double[] p : new double[][] {{1.2, 0.75, 0.66, 2.8}, {1e-3, 1e3, 1e3, 1e-3},
        {1e3, 1e-3, 1e-3, 1e3}}) {
      BetaGeometricBetaBinomialModel model = BetaGeometricBetaBinomialModel.of(p[0], p[1], p[2],
          p[3]);
      double expected = 0.0;
      for (int i = 0; i < rows; i++) {
        expected += c[i] * model.logLikelihood(x[i], t[i], n[i]);
      }
      assertEquals(expected, model.logLikelihood(data), 1e-10 * Math.abs(expected),
          "seed " + seed + " " + model);
    }
  }

  @Test
  void validationNamesRowFieldRuleAndValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BetaGeometricBetaBinomialData.of(new int[] {0, 3}, new int[] {0, 2},
            new int[] {6, 6}, new double[] {1, 1}));
    assertEquals("x must be <= recency (at most one transaction per opportunity), was x = 3 "
        + "> recency = 2 (row 1)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> BetaGeometricBetaBinomialData.of(new int[] {0}, new int[] {2},
            new int[] {6}, new double[] {1}));
    assertEquals("recency must be 0 when x = 0, was 2 (row 0)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> BetaGeometricBetaBinomialData.of(new int[] {1}, new int[] {7},
            new int[] {6}, new double[] {1}));
    assertEquals("recency must be in [0, periods = 6], was 7 (row 0)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> BetaGeometricBetaBinomialData.of(new double[] {1, 2.5}, new double[] {1, 3},
            new double[] {6, 6}, new double[] {1, 1}));
    assertEquals("x must be a non-negative integer, was 2.5 (row 1)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> BetaGeometricBetaBinomialData.of(new int[] {1}, new int[] {1},
            new int[] {6}, new double[] {Double.NaN}));
    assertEquals("count must be finite and >= 0, was NaN (row 0)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SMALL.expectedTransactions(1, 1, 1, -1));
    assertEquals("futurePeriods must be >= 0, was -1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SMALL.discountedExpectedResidualTransactions(Double.NaN, 1, 1, 1));
    assertTrue(e.getMessage().startsWith("discountRate must be finite"), e.getMessage());
  }

  @Test
  void extremeValidInputsGiveFiniteValues() {
    double[] params = {1e-3, 1.0, 1e3};
    int[][] patterns = {{10_000, 10_000, 10_000}, {0, 0, 10_000}, {1, 1, 10_000},
        {5_000, 10_000, 10_000}, {1, 10_000, 10_000}, {0, 0, 0}};
    for (double a : params) {
      for (double b : params) {
        for (double g : params) {
          for (double d : params) {
            BetaGeometricBetaBinomialModel model = BetaGeometricBetaBinomialModel.of(a, b, g, d);
            for (int[] pt : patterns) {
              String where = model + " " + pt[0] + "," + pt[1] + "," + pt[2];
              double ll = model.logLikelihood(pt[0], pt[1], pt[2]);
              assertTrue(Double.isFinite(ll) && ll <= 1e-12, where + " ll=" + ll);
              double alive = model.probabilityAlive(pt[0], pt[1], pt[2]);
              assertTrue(alive >= 0 && alive <= 1, where + " alive=" + alive);
              double e = model.expectedTransactions(pt[0], pt[1], pt[2], 100);
              assertTrue(e >= 0 && e <= 100 + 1e-9, where + " E=" + e);
              double dert = model.discountedExpectedResidualTransactions(0.01, pt[0], pt[1],
                  pt[2]);
              assertTrue(dert >= 0 && dert <= 100 + 1e-9, where + " DERT=" + dert);
            }
          }
        }
      }
    }
  }

  @Test
  void newPredictionsHandChecked() {
    // α = β = γ = δ = 1 (p and θ uniform).
    BetaGeometricBetaBinomialModel m = BetaGeometricBetaBinomialModel.of(1, 1, 1, 1);
    // eq. 7, n = 1: P(X=1) = B(2,1)/B(1,1) · B(1,2)/B(1,1) = 1/2 · 1/2 = 1/4;
    // P(X=0) = B(1,2)·B(1,2) + C(0,0) B(1,1)/B(1,1) · B(2,1)/B(1,1) = 1/4 + 1/2 = 3/4
    assertEquals(0.25, m.probabilityOfTransactions(1, 1), 1e-15);
    assertEquals(0.75, m.probabilityOfTransactions(0, 1), 1e-15);
    assertEquals(0.0, m.probabilityOfTransactions(2, 1));
    double[] h = m.expectedCustomersByRepeatCount(100, 1);
    assertEquals(75.0, h[0], 1e-13);
    assertEquals(25.0, h[1], 1e-13);
    // history x = t_x = n = 1: L = B(2,1)·B(1,2) = 1/4 (alive for sure); posterior p ~ Beta(2,1),
    // θ ~ Beta(1,2): P(one transaction at n+1) = E[1−θ]·E[p] = 2/3 · 2/3 = 4/9
    assertEquals(4.0 / 9, m.conditionalProbabilityOfTransactions(1, 1, 1, 1, 1), 1e-15);
    assertEquals(5.0 / 9, m.conditionalProbabilityOfTransactions(0, 1, 1, 1, 1), 1e-15);
    // P(alive at n+2) = E[(1−θ)²] = B(1,4)/B(1,2) = 1/2; at n+0: 1
    assertEquals(0.5, m.probabilityAliveAt(1, 1, 1, 2), 1e-15);
    assertEquals(1.0, m.probabilityAliveAt(1, 1, 1, 0), 1e-15);
    assertEquals(m.probabilityAlive(1, 1, 1), m.probabilityAliveAt(1, 1, 1, 1));
  }

  @Test
  void conditionalDistributionSumsToOneAndHasTheConditionalMean() {
    // identities of the model (FHS 2010 appendix): Σ_x* P = 1, Σ x* P = E[X(n, n+n*)]
    long seed = 20261127L;
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int k = 0; k < 200; k++) {
      double a = Math.exp(rnd.nextDouble(-5, 5));
      double b = Math.exp(rnd.nextDouble(-5, 5));
      double g = Math.exp(rnd.nextDouble(-5, 5));
      double d = Math.exp(rnd.nextDouble(-5, 5));
      BetaGeometricBetaBinomialModel m = BetaGeometricBetaBinomialModel.of(a, b, g, d);
      int n = rnd.nextInt(0, 60);
      int x = rnd.nextInt(0, n + 1);
      int tx = x == 0 ? 0 : rnd.nextInt(x, n + 1);
      int ns = rnd.nextInt(0, 60);
      double sum = 0;
      double mean = 0;
      for (int xs = 0; xs <= ns; xs++) {
        double p = m.conditionalProbabilityOfTransactions(xs, x, tx, n, ns);
        sum += p;
        mean += xs * p;
      }
      String at = "seed " + seed + ", case " + k + ": " + m + " " + x + "," + tx + "," + n
          + "," + ns;
      assertEquals(1.0, sum, 1e-12, at);
      double e = m.expectedTransactions(x, tx, n, ns);
      assertEquals(e, mean, 1e-12 * Math.max(1, e), at);
    }
  }

  @Test
  void probabilitiesNeverExceedOneByMoreThanRounding() {
    // conditionalProbabilityOfTransactions returns 1 for a value above 1 only within 1e-12 of it
    // and throws beyond: no exception over near-certain cases is the assertion of that bound
    long seed = 77L;
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int k = 0; k < 3000; k++) {
      double a = Math.exp(rnd.nextDouble(-12, 12));
      double b = Math.exp(rnd.nextDouble(-12, 12));
      double g = Math.exp(rnd.nextDouble(-12, 12));
      double d = Math.exp(rnd.nextDouble(-12, 12));
      BetaGeometricBetaBinomialModel m = BetaGeometricBetaBinomialModel.of(a, b, g, d);
      int n = rnd.nextInt(0, 200);
      int x = rnd.nextInt(0, n + 1);
      int tx = x == 0 ? 0 : rnd.nextInt(x, n + 1);
      int ns = rnd.nextInt(0, 200);
      int xs = rnd.nextBoolean() ? 0 : rnd.nextInt(0, ns + 1);
      double p = m.conditionalProbabilityOfTransactions(xs, x, tx, n, ns);
      double q = m.probabilityAliveAt(x, tx, n, rnd.nextInt(0, 10_000));
      assertTrue(p >= 0 && p <= 1 && q >= 0 && q <= 1, "seed " + seed + ", case " + k);
    }
    assertEquals(1.0, BetaGeometricBetaBinomialModel.roundingToOne(1.0 + 5e-13));
    assertThrows(IllegalStateException.class,
        () -> BetaGeometricBetaBinomialModel.roundingToOne(1.0 + 2e-12));
  }

  @Test
  void survivalRatioClampOnlyRemovesRounding() {
    // beyond 4096 future periods the dropout factor B(γ, δ+n+m)/B(γ, δ+n) uses a log-Beta
    // difference clamped at 0. For γ = 1e-15, δ = 1, empty history and m = 10^6 the truth is
    // 1 − γ(ψ(1 + 10^6) − ψ(1)) = 1 − 1e-15·(ln 10^6 + 0.5772...) ≈ 1 − 1.44e-14: the result
    // must be at most 1 and within 1e-12 of the truth.
    BetaGeometricBetaBinomialModel m = BetaGeometricBetaBinomialModel.of(1, 1, 1e-15, 1);
    double p = m.probabilityAliveAt(0, 0, 0, 1_000_000);
    assertTrue(p <= 1.0, "P " + p);
    assertEquals(1 - 1e-15 * (Math.log(1e6) + 0.5772156649015329), p, 1e-12);
  }
}
