package dev.retention.clv;

import dev.retention.internal.MaximumLikelihood;
import java.util.Objects;
import java.util.Optional;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

/**
 * The beta-geometric/beta-binomial (BG/BB) model of discrete-time non-contractual purchasing with
 * given parameters {@code alpha, beta, gamma, delta}, and its predictions.
 *
 * <p>Model (Fader, Hardie and Shang 2010, "Customer-Base Analysis in a Discrete-Time
 * Noncontractual Setting", Marketing Science 29(6)): at each transaction opportunity an active
 * customer transacts with probability p; before each opportunity an active customer becomes
 * inactive for good with probability θ; p ~ Beta(α, β) and θ ~ Beta(γ, δ) independently across
 * customers. For a customer with pattern {@code (x, t_x, n)} (see
 * {@link BetaGeometricBetaBinomialData}):
 *
 * <pre>
 *   L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
 *     + Σ_{i=0..n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)            (eq. 5)
 *   P(alive at n+1) = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+1)/B(γ,δ) / L                      (eq. 11)
 *   E[X(n, n+n*)] = B(α+x+1, β+n−x)/B(α,β) / L · Σ_{j=1..n*} B(γ, δ+n+j)/B(γ,δ)
 *   DERT(d) = B(α+x+1, β+n−x)/B(α,β) / L · Σ_{j>=1} B(γ, δ+n+j)/B(γ,δ) / (1+d)^j
 *           = … · B(γ, δ+n+1)/(B(γ,δ)(1+d)) · 2F1(1, δ+n+1; γ+δ+n+1; 1/(1+d))            (eq. 14)
 * </pre>
 *
 * <p>The finite sum for {@code E[X(n, n+n*)]} telescopes to the paper's closed form (eq. 13,
 * {@code δ/(γ−1) · Γ(γ+δ)/Γ(1+δ) · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+n*)/Γ(γ+δ+n+n*)]}); we sum it
 * term by term (ratio {@code (δ+n+j)/(γ+δ+n+j)}, O(n*) multiplications) because the closed form is
 * 0/0 at γ = 1 and loses digits near it. Every quantity is formed in log space from
 * {@link Beta#logBeta}, so no intermediate overflows for x, n up to 10^4 and parameters from 1e-3
 * to 1e3.
 *
 * <p>Immutable and thread-safe; the scalar methods allocate nothing, the vectorised ones write into
 * a caller-supplied array.
 */
public final class BetaGeometricBetaBinomialModel {

  private final ModelFit fit;
  private final double alpha;
  private final double beta;
  private final double gamma;
  private final double delta;
  private final double logBetaAB;
  private final double logBetaGD;

  private BetaGeometricBetaBinomialModel(double alpha, double beta, double gamma, double delta, ModelFit fit) {
    this.fit = fit;
    this.alpha = alpha;
    this.beta = beta;
    this.gamma = gamma;
    this.delta = delta;
    this.logBetaAB = Beta.logBeta(alpha, beta);
    this.logBetaGD = Beta.logBeta(gamma, delta);
  }

  /**
   * A model with the given parameters, each finite and {@code > 0}.
   *
   * @param alpha first shape of the transaction probability's Beta distribution
   * @param beta second shape of the transaction probability's Beta distribution
   * @param gamma first shape of the dropout probability's Beta distribution
   * @param delta second shape of the dropout probability's Beta distribution
   * @return the model
   * @throws IllegalArgumentException naming the first bad parameter and its value
   */
  public static BetaGeometricBetaBinomialModel of(
      double alpha, double beta, double gamma, double delta) {
    GammaGammaModel.checkParameter("alpha", alpha);
    GammaGammaModel.checkParameter("beta", beta);
    GammaGammaModel.checkParameter("gamma", gamma);
    GammaGammaModel.checkParameter("delta", delta);
    return new BetaGeometricBetaBinomialModel(alpha, beta, gamma, delta, null);
  }


  /**
   * Fits the model by maximum likelihood with the default options ({@link FitOptions#defaults()}).
   *
   * @param data the data
   * @return the fitted model; {@link #fitResult()} holds the log-likelihood, standard errors,
   *     iterations and convergence diagnostics
   * @throws ModelFitException when the fit does not converge, a parameter runs to the boundary of
   *     its domain or the parameters are not identified; the message summarises the data
   */
  public static BetaGeometricBetaBinomialModel fit(BetaGeometricBetaBinomialData data) {
    return fit(data, FitOptions.defaults());
  }

  /**
   * Fits the model by maximum likelihood (BFGS on the log-parameters with the analytic gradient,
   * from a deterministic start, then a Hessian for the standard errors; see
   * {@link dev.retention.internal.MaximumLikelihood}).
   *
   * @param data the data
   * @param options penalty, tolerance, iteration limit, optional start
   * @return the fitted model
   * @throws ModelFitException when the fit fails (see {@link #fit(BetaGeometricBetaBinomialData)})
   */
  public static BetaGeometricBetaBinomialModel fit(BetaGeometricBetaBinomialData data, FitOptions options) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(options, "options");
    ModelFit result = MaximumLikelihood.fit(new BetaGeometricBetaBinomialLikelihood(data), options);
    return new BetaGeometricBetaBinomialModel(result.parameter(0), result.parameter(1), result.parameter(2), result.parameter(3), result);
  }

  /**
   * The fit this model came from.
   *
   * @return the fit result, empty for a model built with {@code of(...)}
   */
  public Optional<ModelFit> fitResult() {
    return Optional.ofNullable(fit);
  }

  /** α. */
  public double alpha() {
    return alpha;
  }

  /** β. */
  public double beta() {
    return beta;
  }

  /** γ. */
  public double gamma() {
    return gamma;
  }

  /** δ. */
  public double delta() {
    return delta;
  }

  /**
   * The natural logarithm of the likelihood L of one pattern (eq. 5 above).
   *
   * @return {@code ln L}, finite and {@code <= 0}
   * @throws IllegalArgumentException for an invalid pattern
   */
  public double logLikelihood(int x, int recency, int periods) {
    BetaGeometricBetaBinomialData.checkRow(x, recency, periods, 1.0, 0);
    return logL(x, recency, periods);
  }

  /**
   * Weighted log-likelihood {@code Σ count · ln L} of the data.
   *
   * @param data the patterns
   * @return the log-likelihood, finite
   */
  public double logLikelihood(BetaGeometricBetaBinomialData data) {
    return logLikelihood(alpha, beta, gamma, delta, Objects.requireNonNull(data, "data"), null);
  }

  /**
   * The probability that a customer with pattern {@code (x, t_x, n)} is still active at
   * opportunity {@code n + 1} (eq. 11 above).
   *
   * @return the probability, in {@code [0, 1]}
   * @throws IllegalArgumentException for an invalid pattern
   */
  public double probabilityAlive(int x, int recency, int periods) {
    BetaGeometricBetaBinomialData.checkRow(x, recency, periods, 1.0, 0);
    double a = Beta.logBeta(alpha + x, beta + periods - x) - logBetaAB
        + Beta.logBeta(gamma, delta + periods + 1.0) - logBetaGD;
    return Math.min(1.0, Math.exp(a - logL(x, recency, periods)));
  }

  /**
   * Conditional expected number of transactions in the next {@code futurePeriods} opportunities
   * {@code n+1 .. n+n*} (see the class documentation).
   *
   * @param futurePeriods {@code n* >= 0}
   * @return the expectation, in {@code [0, n*]}; O(n*) time
   * @throws IllegalArgumentException for an invalid pattern or negative horizon
   */
  public double expectedTransactions(int x, int recency, int periods, int futurePeriods) {
    BetaGeometricBetaBinomialData.checkRow(x, recency, periods, 1.0, 0);
    if (futurePeriods < 0) {
      throw new IllegalArgumentException("futurePeriods must be >= 0, was " + futurePeriods);
    }
    if (futurePeriods == 0) {
      return 0.0;
    }
    double lead = Math.exp(leadLog(x, recency, periods));
    double sum = 0.0;
    double term = 1.0;
    double base = delta + periods;
    for (int j = 1; j <= futurePeriods; j++) {
      sum += term;
      term *= (base + j) / (gamma + base + j);
    }
    return lead * sum;
  }

  /**
   * Discounted expected residual transactions, {@code Σ_{j>=1} E[transaction at n+j] /
   * (1+d)^j} (eq. 14 above): multiply by the value of a transaction for the residual lifetime
   * value.
   *
   * @param discountRate discount rate per opportunity, finite and {@code >= 1e-6}
   * @return DERT, finite and in {@code [0, 1/d]}; about {@code 40/d} series terms at most
   * @throws IllegalArgumentException for an invalid pattern or discount rate
   */
  public double discountedExpectedResidualTransactions(
      double discountRate, int x, int recency, int periods) {
    DiscreteSeries.checkDiscountRate(discountRate);
    BetaGeometricBetaBinomialData.checkRow(x, recency, periods, 1.0, 0);
    double z = 1.0 / (1.0 + discountRate);
    double base = delta + periods + 1.0;
    return Math.exp(leadLog(x, recency, periods)) * z
        * DiscreteSeries.hyp2f1a1(base, gamma + base, z);
  }

  /**
   * Expected number of transactions of a new customer in its first {@code n} opportunities,
   * {@code E[X(n)] = α/(α+β) · Σ_{t=1..n} B(γ, δ+t)/B(γ,δ)} (the closed form is eq. 7 of the
   * paper).
   *
   * @param periods {@code n >= 0}
   * @return the expectation, in {@code [0, n]}; O(n) time
   */
  public double expectedTransactionsNewCustomer(int periods) {
    if (periods < 0) {
      throw new IllegalArgumentException("periods must be >= 0, was " + periods);
    }
    double sum = 0.0;
    double term = delta / (gamma + delta); // B(γ, δ+1)/B(γ, δ)
    for (int t = 1; t <= periods; t++) {
      sum += term;
      term *= (delta + t) / (gamma + delta + t);
    }
    return alpha / (alpha + beta) * sum;
  }

  /**
   * Vectorised {@link #probabilityAlive(int, int, int)} over the patterns of {@code data}.
   *
   * @param out receives one probability per pattern (length {@code data.size()}); nothing else is
   *     allocated
   */
  public void probabilityAlive(BetaGeometricBetaBinomialData data, double[] out) {
    checkOut(data, out);
    int[] xs = data.xArray();
    int[] ts = data.recencyArray();
    int[] ns = data.periodsArray();
    for (int i = 0; i < xs.length; i++) {
      out[i] = probabilityAlive(xs[i], ts[i], ns[i]);
    }
  }

  /**
   * Vectorised {@link #expectedTransactions(int, int, int, int)} over the patterns of
   * {@code data}.
   *
   * @param futurePeriods {@code n* >= 0}
   * @param out receives one expectation per pattern; nothing else is allocated
   */
  public void expectedTransactions(
      BetaGeometricBetaBinomialData data, int futurePeriods, double[] out) {
    checkOut(data, out);
    int[] xs = data.xArray();
    int[] ts = data.recencyArray();
    int[] ns = data.periodsArray();
    for (int i = 0; i < xs.length; i++) {
      out[i] = expectedTransactions(xs[i], ts[i], ns[i], futurePeriods);
    }
  }

  /**
   * Vectorised {@link #discountedExpectedResidualTransactions(double, int, int, int)}.
   *
   * @param out receives one DERT per pattern; nothing else is allocated
   */
  public void discountedExpectedResidualTransactions(
      double discountRate, BetaGeometricBetaBinomialData data, double[] out) {
    checkOut(data, out);
    int[] xs = data.xArray();
    int[] ts = data.recencyArray();
    int[] ns = data.periodsArray();
    for (int i = 0; i < xs.length; i++) {
      out[i] = discountedExpectedResidualTransactions(discountRate, xs[i], ts[i], ns[i]);
    }
  }

  private static void checkOut(BetaGeometricBetaBinomialData data, double[] out) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(out, "out");
    if (out.length != data.size()) {
      throw new IllegalArgumentException(
          "out must have length data.size() = " + data.size() + ", was " + out.length);
    }
  }

  /** ln[B(α+x+1, β+n−x)/B(α,β) · B(γ, δ+n+1)/B(γ,δ) / L]. */
  private double leadLog(int x, int recency, int periods) {
    return Beta.logBeta(alpha + x + 1.0, beta + periods - x) - logBetaAB
        + Beta.logBeta(gamma, delta + periods + 1.0) - logBetaGD
        - logL(x, recency, periods);
  }

  private double logL(int x, int tx, int n) {
    double a = Beta.logBeta(alpha + x, beta + n - x) - logBetaAB
        + Beta.logBeta(gamma, delta + n) - logBetaGD;
    int terms = n - tx;
    if (terms == 0) {
      return a;
    }
    double b = Beta.logBeta(alpha + x, beta + tx - x) - logBetaAB
        + Beta.logBeta(gamma + 1.0, delta + tx) - logBetaGD;
    double max = Math.max(a, b);
    // first pass for the maximum is avoided: terms are log-concave in i, so track max online
    double sum = Math.exp(a - max);
    for (int i = 0; i < terms; i++) {
      if (b > max) {
        sum = sum * Math.exp(max - b);
        max = b;
      }
      sum += Math.exp(b - max);
      b += Math.log((beta + tx - x + i) * (delta + tx + i)
          / ((alpha + beta + tx + i) * (gamma + delta + 1.0 + tx + i)));
    }
    return max + Math.log(sum);
  }

  /**
   * The weighted log-likelihood {@code Σ count · ln L} with its optional analytic gradient in
   * {@code (α, β, γ, δ)}. Each term of L is {@code exp(v)} with v a sum of log-Beta functions,
   * whose derivatives are digamma differences ({@code ∂ ln B(a,b)/∂a = ψ(a) − ψ(a+b)}); the terms
   * of the sum over i follow from the first by the ratio
   * {@code (β+t_x−x+i)(δ+t_x+i)/((α+β+t_x+i)(γ+δ+1+t_x+i))}, whose log-derivatives are
   * reciprocals, so the inner loop needs one logarithm and no special function. Terms are
   * combined by an online log-sum-exp. Allocates nothing.
   *
   * @param grad receives the gradient when non-null (length 4)
   */
  static double logLikelihood(
      double a, double b, double g, double d, BetaGeometricBetaBinomialData data,
      double[] grad) {
    int[] xs = data.xArray();
    int[] ts = data.recencyArray();
    int[] ns = data.periodsArray();
    double[] ws = data.countArray();
    double lbAB = Beta.logBeta(a, b);
    double lbGD = Beta.logBeta(g, d);
    boolean derivatives = grad != null;
    double psiA = 0;
    double psiB = 0;
    double psiAB = 0;
    double psiG = 0;
    double psiD = 0;
    double psiGD = 0;
    if (derivatives) {
      psiA = Gamma.digamma(a);
      psiB = Gamma.digamma(b);
      psiAB = Gamma.digamma(a + b);
      psiG = Gamma.digamma(g);
      psiD = Gamma.digamma(d);
      psiGD = Gamma.digamma(g + d);
    }
    double ll = 0.0;
    double ga = 0.0;
    double gb = 0.0;
    double gg = 0.0;
    double gd = 0.0;
    for (int r = 0; r < xs.length; r++) {
      double w = ws[r];
      if (w == 0.0) {
        continue;
      }
      int x = xs[r];
      int tx = ts[r];
      int n = ns[r];
      double v = Beta.logBeta(a + x, b + n - x) - lbAB + Beta.logBeta(g, d + n) - lbGD;
      double max = v;
      double s = 1.0;
      double sa = 0.0;
      double sb = 0.0;
      double sg = 0.0;
      double sd = 0.0;
      double psiAx = 0.0;
      if (derivatives) {
        psiAx = Gamma.digamma(a + x);
        double psiABn = Gamma.digamma(a + b + n);
        double psiGDn = Gamma.digamma(g + d + n);
        sa = psiAx - psiABn - psiA + psiAB;
        sb = Gamma.digamma(b + n - x) - psiABn - psiB + psiAB;
        sg = psiGD - psiGDn;
        sd = Gamma.digamma(d + n) - psiGDn - psiD + psiGD;
      }
      int terms = n - tx;
      if (terms > 0) {
        double u = Beta.logBeta(a + x, b + tx - x) - lbAB + Beta.logBeta(g + 1.0, d + tx) - lbGD;
        double da = 0.0;
        double db = 0.0;
        double dg = 0.0;
        double dd = 0.0;
        if (derivatives) {
          double psiABt = Gamma.digamma(a + b + tx);
          double psiGDt = Gamma.digamma(g + d + 1.0 + tx);
          da = psiAx - psiABt - psiA + psiAB;
          db = Gamma.digamma(b + tx - x) - psiABt - psiB + psiAB;
          dg = 1.0 / g - psiGDt + psiGD; // ψ(γ+1) − ψ(γ) = 1/γ
          dd = Gamma.digamma(d + tx) - psiGDt - psiD + psiGD;
        }
        for (int i = 0; i < terms; i++) {
          double e;
          if (u > max) {
            double scale = Math.exp(max - u);
            s *= scale;
            sa *= scale;
            sb *= scale;
            sg *= scale;
            sd *= scale;
            max = u;
            e = 1.0;
          } else {
            e = Math.exp(u - max);
          }
          s += e;
          if (derivatives) {
            sa += e * da;
            sb += e * db;
            sg += e * dg;
            sd += e * dd;
          }
          double p1 = b + tx - x + i;
          double p2 = d + tx + i;
          double q1 = a + b + tx + i;
          double q2 = g + d + 1.0 + tx + i;
          u += Math.log(p1 * p2 / (q1 * q2));
          if (derivatives) {
            double iq1 = 1.0 / q1;
            double iq2 = 1.0 / q2;
            da -= iq1;
            db += 1.0 / p1 - iq1;
            dg -= iq2;
            dd += 1.0 / p2 - iq2;
          }
        }
      }
      ll += w * (max + Math.log(s));
      if (derivatives) {
        double inv = w / s;
        ga += sa * inv;
        gb += sb * inv;
        gg += sg * inv;
        gd += sd * inv;
      }
    }
    if (derivatives) {
      grad[0] = ga;
      grad[1] = gb;
      grad[2] = gg;
      grad[3] = gd;
    }
    return ll;
  }

  @Override
  public String toString() {
    return "BetaGeometricBetaBinomialModel[alpha=" + alpha + ", beta=" + beta + ", gamma=" + gamma
        + ", delta=" + delta + "]";
  }
}
