package dev.retention.clv;

import java.util.Objects;
import java.util.Optional;
import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma model of monetary value with given parameters {@code p, q, gamma}, and its
 * predictions.
 *
 * <p>Model (Fader, Hardie and Lee 2005, "The Gamma-Gamma Model of Monetary Value", note; after
 * Colombo and Jiang 1999): a customer's transaction values are i.i.d. Gamma(p, ν) (shape p, rate
 * ν), independent of the transaction process; ν varies across customers as Gamma(q, γ). For a
 * customer with {@code x} transactions of mean value {@code mbar}:
 *
 * <pre>
 *   f(mbar | x) = Γ(px + q) / (Γ(px) Γ(q)) · γ^q · mbar^(px − 1) · x^(px) / (γ + x·mbar)^(px + q)
 *   E[M | x, mbar] = p (γ + x·mbar) / (px + q − 1)
 *                  = (q − 1)/(px + q − 1) · pγ/(q − 1) + px/(px + q − 1) · mbar
 *   E[M] = pγ / (q − 1)        (population mean, a customer with no history)
 * </pre>
 *
 * <p>lifetimes' {@code GammaGammaFitter} names the parameters {@code p, q, v}; {@code v} is γ here.
 * The expected spends are finite only when {@code px + q > 1} (resp. {@code q > 1}); otherwise
 * they are infinite and the methods throw {@link IllegalStateException} saying so, never returning
 * infinity or NaN.
 *
 * <p>Immutable and thread-safe. The scalar predictions allocate nothing; the vectorised ones write
 * into a caller-supplied array.
 */
public final class GammaGammaModel {

  private final ModelFit fit;
  private final double p;
  private final double q;
  private final double gamma;

  private GammaGammaModel(double p, double q, double gamma, ModelFit fit) {
    this.fit = fit;
    this.p = p;
    this.q = q;
    this.gamma = gamma;
  }

  /**
   * A model with the given parameters.
   *
   * @param p shape of the transaction values, finite and {@code > 0}
   * @param q shape of the rate distribution, finite and {@code > 0}
   * @param gamma scale (rate parameter) of the rate distribution, finite and {@code > 0}
   * @return the model
   * @throws IllegalArgumentException naming the first bad parameter and its value
   */
  public static GammaGammaModel of(double p, double q, double gamma) {
    checkParameter("p", p);
    checkParameter("q", q);
    checkParameter("gamma", gamma);
    return new GammaGammaModel(p, q, gamma, null);
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
  public static GammaGammaModel fit(GammaGammaData data) {
    return fit(data, FitOptions.defaults());
  }

  /**
   * Fits the model by maximum likelihood: damped Newton steps on the log-parameters with the
   * analytic gradient and Hessian ({@link NewtonFit}), from a method-of-moments start; the
   * standard errors come from the exact Hessian. Options, convergence test and failure rules are
   * those of the shared optimiser ({@link dev.retention.internal.MaximumLikelihood}).
   *
   * @param data the data
   * @param options penalty, tolerance, iteration limit, optional start
   * @return the fitted model
   * @throws ModelFitException when the fit fails (see {@link #fit(GammaGammaData)})
   */
  public static GammaGammaModel fit(GammaGammaData data, FitOptions options) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(options, "options");
    ModelFit result = NewtonFit.fit(new GammaGammaLikelihood(data), options);
    return new GammaGammaModel(result.parameter(0), result.parameter(1), result.parameter(2), result);
  }

  /**
   * The fit this model came from.
   *
   * @return the fit result, empty for a model built with {@code of(...)}
   */
  public Optional<ModelFit> fitResult() {
    return Optional.ofNullable(fit);
  }

  static void checkParameter(String name, double value) {
    if (!(value > 0.0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, was " + value);
    }
  }

  /**
   * Shape p of the transaction values.
   *
   * @return the value
   */
  public double p() {
    return p;
  }

  /**
   * Shape q of the customers' rates.
   *
   * @return the value
   */
  public double q() {
    return q;
  }

  /**
   * The rate-distribution parameter γ (lifetimes' {@code v}).
   *
   * @return the value
   */
  public double gamma() {
    return gamma;
  }

  /**
   * Population mean transaction value {@code E[M] = pγ / (q − 1)} (Fader, Hardie and Lee 2005,
   * the Gamma-Gamma note, the mean of the prior of ζ = p/ν): the expected spend of a customer
   * with no repeat-transaction history. Finite only for {@code q > 1}: for {@code q <= 1} the
   * rate ν ~ Gamma(q, γ) has {@code E[1/ν] = ∞}.
   *
   * <p>Accuracy: two roundings on the product and one on {@code q − 1} (exact for
   * {@code q ∈ [0.5, 2]}); relative error below {@code max(1e-10, 16·κ·2⁻⁵³)} against 50-digit
   * mpmath on the reference grid (p, q, γ from 1e-3 to 1e3, q within 1e-12 of 1). Thread-safe.
   *
   * @return the mean, finite and positive
   * @throws IllegalStateException when {@code q <= 1} (the mean is infinite); the message names
   *     q, the rule and its value
   */
  public double populationMeanSpend() {
    if (!(q > 1.0)) {
      throw new IllegalStateException("q must be > 1 for a finite population mean spend "
          + "p*gamma/(q-1), was " + q);
    }
    return p * gamma / (q - 1.0);
  }

  /**
   * Conditional expected average transaction value (Fader, Hardie and Lee 2005, the Gamma-Gamma
   * note, eq. 5)
   *
   * <pre>
   *   E[M | x, mbar] = (q − 1)/(px + q − 1) · pγ/(q − 1) + px/(px + q − 1) · mbar
   *                  = p(γ + x·mbar) / (px + q − 1)
   * </pre>
   *
   * evaluated in the second form, which has no singularity at {@code q = 1}; for {@code x == 0}
   * the population mean. Finite only for {@code px + q > 1}.
   *
   * <p>Accuracy: a handful of roundings; the only cancellation is in {@code px + (q − 1)} when it
   * is near 0, which the condition number κ of the result reflects. Relative error below
   * {@code max(1e-10, 16·κ·2⁻⁵³)} against 50-digit mpmath on the reference grid
   * ({@code refgrid/gammagamma.tsv.gz}: x from 1 to 100,000, mean spend from 1e-6 to 1e9, p, q,
   * γ from 1e-3 to 1e3, q at and within 1e-8 of 1). Thread-safe, no allocation.
   *
   * @param x number of transactions averaged, {@code >= 0}
   * @param meanSpend their mean value, finite and {@code > 0} when {@code x > 0} (ignored when
   *     {@code x == 0})
   * @return the expected spend, finite and positive
   * @throws IllegalArgumentException for a bad {@code x} or {@code meanSpend}
   * @throws IllegalStateException when {@code px + q <= 1} (the expectation is infinite), or
   *     {@code x == 0} and {@code q <= 1}
   */
  public double conditionalExpectedAverageSpend(int x, double meanSpend) {
    if (x < 0) {
      throw new IllegalArgumentException("x must be >= 0, was " + x);
    }
    if (x == 0) {
      return populationMeanSpend();
    }
    if (!(meanSpend > 0.0) || Double.isInfinite(meanSpend)) {
      throw new IllegalArgumentException(
          "meanSpend must be finite and > 0 when x > 0, was " + meanSpend);
    }
    return conditional(x, meanSpend);
  }

  private double conditional(int x, double meanSpend) {
    double px = p * x;
    double denominator = px + (q - 1.0);
    if (!(denominator > 0.0)) {
      throw new IllegalStateException(
          "p*x + q must be > 1 for a finite conditional expected spend, was p=" + p + ", q=" + q
              + ", x=" + x);
    }
    // p (γ + x m) / (px + q - 1): the weighted-mean form would divide by q - 1
    return p * (gamma + x * meanSpend) / denominator;
  }

  /**
   * Vectorised {@link #conditionalExpectedAverageSpend(int, double)}.
   *
   * @param x transaction counts
   * @param meanSpend mean values (same length)
   * @param out receives the expectations (same length); allocates nothing
   * @throws IllegalArgumentException for mismatched lengths or a bad row (named)
   * @throws IllegalStateException when a row's expectation is infinite (named)
   */
  public void conditionalExpectedAverageSpend(int[] x, double[] meanSpend, double[] out) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(meanSpend, "meanSpend");
    Objects.requireNonNull(out, "out");
    if (meanSpend.length != x.length || out.length != x.length) {
      throw new IllegalArgumentException(
          "x, meanSpend and out must have the same length, were " + x.length + ", "
              + meanSpend.length + ", " + out.length);
    }
    for (int i = 0; i < x.length; i++) {
      try {
        out[i] = conditionalExpectedAverageSpend(x[i], meanSpend[i]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage() + " (row " + i + ")", e);
      } catch (IllegalStateException e) {
        throw new IllegalStateException(e.getMessage() + " (row " + i + ")", e);
      }
    }
  }

  /**
   * Weighted log-likelihood of the data under this model, {@code Σ w_i ln f(mbar_i | x_i)} (the
   * density above, including the {@code mbar^(px−1) x^(px)} factors, as lifetimes does).
   *
   * @param data the repeat customers
   * @return the log-likelihood, finite
   */
  public double logLikelihood(GammaGammaData data) {
    return logLikelihood(p, q, gamma, Objects.requireNonNull(data, "data"), null, null);
  }

  /**
   * Log-likelihood with optional analytic gradient and Hessian in the natural parameters
   * {@code (p, q, γ)}. Special functions are evaluated once per distinct x; per customer one
   * logarithm (and one division with derivatives); the terms that do not depend on the
   * parameters are precomputed in the data. Allocates nothing.
   *
   * <pre>
   *   ℓ = Σ w [lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px − 1) ln m + px ln x − (px+q) ln(γ + xm)]
   *   ∂ℓ/∂p = Σ w x [ψ(px+q) − ψ(px) + ln(xm) − ln(γ + xm)]
   *   ∂ℓ/∂q = Σ w [ψ(px+q) − ψ(q) + ln γ − ln(γ + xm)]
   *   ∂ℓ/∂γ = Σ w [q/γ − (px+q)/(γ + xm)]
   * </pre>
   *
   * @param grad receives {@code ∂ℓ/∂(p, q, γ)} when non-null (length 3)
   * @param hess receives the row-major 3×3 Hessian when non-null (length 9)
   */
  static double logLikelihood(
      double p, double q, double g, GammaGammaData data, double[] grad, double[] hess) {
    // Per customer, with s = x·m: (px − 1) ln m + px ln x − (px + q) ln(γ + s)
    //   = −px·ln(1 + γ/s) − ln m − q·(ln s + ln(1 + γ/s)),
    // so only ℓ1 = log1p(γ/s) and 1/(γ + s) depend on the parameters; Σ w ln m and Σ w ln s are
    // data constants. log1p keeps the p-derivative free of the cancellation between
    // x·ln(s) and x·ln(γ + s) that a direct evaluation would have.
    double[] ws = data.weightArray();
    double[] wx = data.weightedXArray();
    double[] total = data.totalSpendArray();
    boolean derivatives = grad != null || hess != null;
    double e1 = 0.0; // Σ w x ℓ1
    double e0 = 0.0; // Σ w ℓ1
    double b1 = 0.0; // Σ w x / (γ + s)
    double b0 = 0.0; // Σ w / (γ + s)
    double d1 = 0.0; // Σ w x / (γ + s)²
    double d0 = 0.0; // Σ w / (γ + s)²
    if (derivatives) {
      for (int i = 0; i < ws.length; i++) {
        double si = total[i];
        double l1 = Math.log1p(g / si);
        double inv = 1.0 / (g + si);
        double w = ws[i];
        double v = wx[i];
        e1 += v * l1;
        e0 += w * l1;
        b1 += v * inv;
        b0 += w * inv;
        d1 += v * inv * inv;
        d0 += w * inv * inv;
      }
    } else {
      for (int i = 0; i < ws.length; i++) {
        double l1 = Math.log1p(g / total[i]);
        e1 += wx[i] * l1;
        e0 += ws[i] * l1;
      }
    }
    double sumLogDenominator = data.sumWeightedLogTotal() + e0; // Σ w ln(γ + s)
    double ll = -p * e1 - data.sumWeightedLogMean() - q * sumLogDenominator;
    double dp = -e1;
    double dq = -sumLogDenominator;
    double dg = -(p * b1 + q * b0);
    // per-distinct-x part
    int[] dx = data.distinctXArray();
    double[] dw = data.distinctWeightArray();
    double hpp = 0.0;
    double hpq = 0.0;
    double hqq = 0.0;
    double totalW = data.totalWeight();
    for (int k = 0; k < dx.length; k++) {
      double w = dw[k];
      if (w == 0.0) {
        continue;
      }
      int x = dx[k];
      double px = p * x;
      ll += w * (Gamma.logGamma(px + q) - Gamma.logGamma(px));
      if (derivatives) {
        double psiSum = Gamma.digamma(px + q);
        dp += w * x * (psiSum - Gamma.digamma(px));
        dq += w * psiSum;
        if (hess != null) {
          double triSum = Gamma.trigamma(px + q);
          hpp += w * x * x * (triSum - Gamma.trigamma(px));
          hpq += w * x * triSum;
          hqq += w * triSum;
        }
      }
    }
    double logG = Math.log(g);
    ll += totalW * (q * logG - Gamma.logGamma(q));
    if (grad != null) {
      dq += totalW * (logG - Gamma.digamma(q));
      dg += totalW * q / g;
      grad[0] = dp;
      grad[1] = dq;
      grad[2] = dg;
    }
    if (hess != null) {
      hqq -= totalW * Gamma.trigamma(q);
      double hpg = -b1;
      double hqg = totalW / g - b0;
      double hgg = p * d1 + q * d0 - totalW * q / (g * g);
      hess[0] = hpp;
      hess[1] = hpq;
      hess[2] = hpg;
      hess[3] = hpq;
      hess[4] = hqq;
      hess[5] = hqg;
      hess[6] = hpg;
      hess[7] = hqg;
      hess[8] = hgg;
    }
    return ll;
  }

  @Override
  public String toString() {
    return "GammaGammaModel[p=" + p + ", q=" + q + ", gamma=" + gamma + "]";
  }
}
