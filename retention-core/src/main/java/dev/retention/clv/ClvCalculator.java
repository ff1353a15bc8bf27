package dev.retention.clv;

import dev.retention.time.ModelTimeUnit;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;

/**
 * Predicted customer lifetime value over a finite horizon from a {@link CustomerBaseModel} and a
 * per-customer expected spend per purchase (for example from the Gamma-Gamma model's
 * {@code conditionalExpectedAverageSpend}):
 *
 * <pre>
 *   CLV_i = Σ_{k=1..K} (E[Y_i(k·L)] − E[Y_i((k−1)·L)]) · spend_i · margin / (1 + d)^k
 *         = spend_i · margin · [ Σ_{k=1..K−1} E[Y_i(k·L)] · d/(1+d)^(k+1) + E[Y_i(K·L)]/(1+d)^K ]
 * </pre>
 *
 * where L is the period length converted to the model's time unit, K the number of periods, d the
 * discount rate per period and E[Y_i(t)] the model's conditional expected purchases in (T, T+t]
 * (Fader, Hardie and Lee 2005, "RFM and CLV", J. Marketing Research 42(4), discrete-period form
 * of their eq. 2). Purchases in period k are discounted by k whole periods. The total is
 * evaluated in the second form (summation by parts): every term is non-negative, so no
 * cancellation between cumulative expectations occurs, and its relative error is that of the
 * model's E[Y] plus about {@code 4K·2⁻⁵³}. The per-period terms ({@link ClvResult#value}) are
 * differences of cumulative expectations, with absolute error about that of
 * {@code E[Y_i(k·L)]}; a difference that rounding makes negative by at most {@code 1e-12} of
 * {@code E[Y_i(k·L)]} is returned as 0, and a larger decrease, which only a defective model can
 * produce, throws {@link IllegalStateException} (no clamp hides it).
 *
 * <p>Accuracy: against {@code refgrid/clv.tsv.gz} ({@code tools/refgrid/gen_clv.py}: 50-digit
 * mpmath sums of FHL 2005 eq. 10, its MBG/NBD analogue and the Pareto/NBD closed forms, K from 1
 * to 120, d from 0 and 1e-6 to 10, x up to 10,000), the total's relative error is within
 * {@code max(1e-10, 16·κ·2⁻⁵³)} wherever the model's E[Y] is (see {@code ClvReferenceGridTest}).
 *
 * <p>Time is typed, never implicit: the period is an amount and a {@link ModelTimeUnit}
 * (converted to the model's unit with mean Gregorian lengths, so one month = 30.436875/7 weeks),
 * the horizon must be a whole number of periods (else refused), and a discount rate is given per
 * unit of time and converted to the period by compounding: {@code d = (1 + rate)^(L / unit) − 1}.
 * A 1% monthly rate with weekly periods is therefore {@code 1.01^(7/30.436875) − 1} per week, and
 * 10% a year with monthly periods {@code 1.1^(1/12) − 1} per month. (lifetimes discounts
 * 30-day months at the monthly rate; our month is the mean Gregorian month.)
 *
 * <p>Input range (each violation throws {@link IllegalArgumentException} naming the argument,
 * the rule and the value): the horizon {@code K·L} at most {@link #MAX_HORIZON} model time units;
 * the discount rate per period finite (a rate that compounds to infinity over one period is
 * refused); expected spend per purchase finite, {@code >= 0} and at most {@link #MAX_SPEND};
 * margin finite in {@code [0, }{@link #MAX_MARGIN}{@code ]}. Within that range every result is
 * finite whenever the model's E[Y] is below 1e280.
 *
 * <p>Defaults: 12 periods of one month, no discount, margin 1. Immutable and thread-safe;
 * configure by copies. {@link #totals} allocates O(threads · 65,536 · K) scratch;
 * {@link #compute} allocates the n × K per-period matrix.
 */
public final class ClvCalculator {
  /** Largest horizon {@code K·L}, in the model's time unit. */
  public static final double MAX_HORIZON = 1e5;
  /** Largest expected spend per purchase. */
  public static final double MAX_SPEND = 1e12;
  /** Largest margin. */
  public static final double MAX_MARGIN = 100.0;
  /** Relative rounding a decrease of cumulative expected purchases may show (see the class doc). */
  static final double ROUNDING = 1e-12;
  private static final int BLOCK = 65_536;

  private final CustomerBaseModel model;
  private final double periodAmount;
  private final ModelTimeUnit periodUnit;
  private final int periods;
  private final double discountRate;
  private final ModelTimeUnit discountUnit; // null: rate is per period
  private final double margin;

  private ClvCalculator(CustomerBaseModel model, double periodAmount, ModelTimeUnit periodUnit,
      int periods, double discountRate, ModelTimeUnit discountUnit, double margin) {
    this.model = model;
    this.periodAmount = periodAmount;
    this.periodUnit = periodUnit;
    this.periods = periods;
    this.discountRate = discountRate;
    this.discountUnit = discountUnit;
    this.margin = margin;
    double horizon = periods * periodLengthInModelUnits();
    if (!(horizon <= MAX_HORIZON)) {
      throw new IllegalArgumentException("periods × period must be <= " + MAX_HORIZON + " "
          + model.timeUnit() + " (the model's unit), was " + periods + " × " + periodAmount + " "
          + periodUnit + " = " + horizon + " " + model.timeUnit());
    }
    double d = discountRatePerPeriod();
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("discount rate per period must be finite, was "
          + discountRate + " per " + (discountUnit == null ? "period" : discountUnit)
          + " = " + d + " per period of " + periodAmount + " " + periodUnit);
    }
  }

  /**
   * A calculator for a model: 12 monthly periods, no discount, margin 1.
   *
   * @param model the purchase model
   * @return the calculator
   */
  public static ClvCalculator of(CustomerBaseModel model) {
    return new ClvCalculator(Objects.requireNonNull(model, "model"), 1.0, ModelTimeUnit.MONTHS,
        12, 0.0, null, 1.0);
  }

  /**
   * A copy with another period length.
   *
   * @param amount the length, finite and {@code > 0}; with the number of periods, the horizon
   *     must stay within {@link #MAX_HORIZON} model time units
   * @param unit its unit
   * @return the new calculator
   * @throws IllegalArgumentException naming the period, the rule and the value
   */
  public ClvCalculator withPeriod(double amount, ModelTimeUnit unit) {
    if (!(amount > 0) || Double.isInfinite(amount)) {
      throw new IllegalArgumentException("period must be finite and > 0, was " + amount);
    }
    return new ClvCalculator(model, amount, Objects.requireNonNull(unit, "unit"), periods,
        discountRate, discountUnit, margin);
  }

  /**
   * A copy with another number of periods.
   *
   * @param count the number of periods, {@code 1..10000}; with the period length, the horizon
   *     must stay within {@link #MAX_HORIZON} model time units
   * @return the new calculator
   * @throws IllegalArgumentException naming the count, the rule and the value
   */
  public ClvCalculator withPeriods(int count) {
    if (count < 1 || count > 10_000) {
      throw new IllegalArgumentException("periods must be in 1..10000, was " + count);
    }
    return new ClvCalculator(model, periodAmount, periodUnit, count, discountRate, discountUnit,
        margin);
  }

  /**
   * A copy whose horizon is the given duration, which must be a whole number of periods.
   *
   * @param amount the horizon length
   * @param unit its unit
   * @return the new calculator
   * @throws IllegalArgumentException when the horizon is not a whole number of periods
   */
  public ClvCalculator withHorizon(double amount, ModelTimeUnit unit) {
    Objects.requireNonNull(unit, "unit");
    if (!(amount > 0) || Double.isInfinite(amount)) {
      throw new IllegalArgumentException("horizon must be finite and > 0, was " + amount);
    }
    double n = unit.convert(amount, periodUnit) / periodAmount;
    long k = Math.round(n);
    if (k < 1 || Math.abs(n - k) > 1e-9 * Math.max(1, n)) {
      throw new IllegalArgumentException("horizon must be a whole number of periods of "
          + periodAmount + " " + periodUnit + ", was " + amount + " " + unit + " = " + n
          + " periods");
    }
    return withPeriods((int) Math.min(Integer.MAX_VALUE, k));
  }

  /**
   * A copy with a discount rate per unit of time, converted to the period by compounding.
   *
   * @param rate the rate per {@code per}, finite and {@code >= 0}
   * @param per the unit of time the rate applies to
   * @return the new calculator
   */
  public ClvCalculator withDiscountRate(double rate, ModelTimeUnit per) {
    checkRate(rate);
    return new ClvCalculator(model, periodAmount, periodUnit, periods, rate,
        Objects.requireNonNull(per, "per"), margin);
  }

  /**
   * A copy with a discount rate per CLV period.
   *
   * @param rate the rate per period, finite and {@code >= 0}
   * @return the new calculator
   */
  public ClvCalculator withDiscountRatePerPeriod(double rate) {
    checkRate(rate);
    return new ClvCalculator(model, periodAmount, periodUnit, periods, rate, null, margin);
  }

  /**
   * A copy with a profit margin applied to spend.
   *
   * @param value the margin, in {@code [0, 100]} (1 = revenue)
   * @return the new calculator
   * @throws IllegalArgumentException naming the margin, the rule and the value
   */
  public ClvCalculator withMargin(double value) {
    if (!(value >= 0 && value <= MAX_MARGIN)) {
      throw new IllegalArgumentException(
          "margin must be in [0, " + MAX_MARGIN + "], was " + value);
    }
    return new ClvCalculator(model, periodAmount, periodUnit, periods, discountRate,
        discountUnit, value);
  }

  private static void checkRate(double rate) {
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("discount rate must be finite and >= 0, was " + rate);
    }
  }

  /**
   * The period length in the model's time unit.
   *
   * @return L
   */
  public double periodLengthInModelUnits() {
    return periodUnit.convert(periodAmount, model.timeUnit());
  }

  /**
   * The discount rate per period after conversion.
   *
   * @return d
   */
  public double discountRatePerPeriod() {
    if (discountUnit == null || discountRate == 0) {
      return discountRate;
    }
    double exponent = periodUnit.convert(periodAmount, discountUnit);
    return Math.expm1(exponent * Math.log1p(discountRate));
  }

  /**
   * The number of periods K.
   *
   * @return K
   */
  public int periods() {
    return periods;
  }

  private double[] times() {
    double l = periodLengthInModelUnits();
    double[] t = new double[periods];
    for (int k = 0; k < periods; k++) {
      t[k] = (k + 1) * l;
    }
    return t;
  }

  /** margin / (1+d)^k for k = 1..K, at index k − 1. */
  private double[] weights() {
    double d = discountRatePerPeriod();
    double[] w = new double[periods];
    double lnD = Math.log1p(d);
    for (int k = 0; k < periods; k++) {
      w[k] = margin * Math.exp(-(k + 1) * lnD);
    }
    return w;
  }

  /**
   * Summation-by-parts weights: {@code v[k−1] = w_k − w_{k+1} = margin·d/(1+d)^(k+1)} for
   * k < K and {@code v[K−1] = w_K}, so that {@code Σ_k w_k (C_k − C_{k−1}) = Σ_k v[k−1] C_k}
   * with every weight non-negative.
   */
  private double[] partsWeights(double[] w) {
    double d = discountRatePerPeriod();
    double[] v = new double[periods];
    for (int k = 0; k < periods - 1; k++) {
      v[k] = w[k + 1] * d; // w_j − w_{j+1} = w_{j+1}·d for j = k + 1 (w[k] holds w_{k+1})
    }
    v[periods - 1] = w[periods - 1];
    return v;
  }

  /**
   * The increment {@code c − prev} of cumulative expected purchases; a negative increment
   * within {@link #ROUNDING} of {@code prev} is rounding and returns 0, a larger one throws, as
   * does a negative or non-finite {@code c}.
   */
  static double increment(double c, double prev, int row, int period) {
    if (!(c >= 0.0 && c < Double.POSITIVE_INFINITY)) {
      throw new IllegalStateException("the model's cumulative expected purchases are " + c
          + " at the end of period " + (period + 1) + " (row " + row
          + "): the model's E[Y] is wrong there");
    }
    double v = c - prev;
    if (v >= 0.0) {
      return v;
    }
    if (-v <= ROUNDING * Math.abs(prev)) {
      return 0.0;
    }
    throw new IllegalStateException("the model's cumulative expected purchases decrease from "
        + prev + " to " + c + " in period " + (period + 1) + " (row " + row
        + "): the model's E[Y] is wrong there");
  }

  private static double checkFinite(double v, int row) {
    if (!Double.isFinite(v)) {
      throw new IllegalStateException("CLV of row " + row + " is not finite (" + v
          + "): the model's expected purchases are too large for the spend and margin");
    }
    return v;
  }

  private static void checkSpend(RecencyFrequencyData data, double[] spend) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(spend, "expectedSpend");
    if (spend.length != data.size()) {
      throw new IllegalArgumentException("expectedSpend must have one value per row ("
          + data.size() + "), had " + spend.length);
    }
    for (int i = 0; i < spend.length; i++) {
      if (!(spend[i] >= 0 && spend[i] <= MAX_SPEND)) {
        throw new IllegalArgumentException("expectedSpend must be finite and in [0, " + MAX_SPEND
            + "], was " + spend[i] + " (row " + i + ")");
      }
    }
  }

  /**
   * Per-period and total CLV for every row.
   *
   * @param data customers in the model's time unit
   * @param expectedSpend expected spend per purchase per row, finite and {@code >= 0}
   * @param parallel whether to use the common fork/join pool
   * @return the result (allocates n × K doubles)
   */
  public ClvResult compute(RecencyFrequencyData data, double[] expectedSpend, boolean parallel) {
    checkSpend(data, expectedSpend);
    int n = data.size();
    int k = periods;
    double[] cum = new double[Math.multiplyExact(n, k)];
    model.cumulativeExpectedPurchases(data, times(), cum, parallel);
    double[] w = weights();
    double[] v = partsWeights(w);
    double[] totals = new double[n];
    for (int i = 0; i < n; i++) {
      double prev = 0;
      double sum = 0;
      int o = i * k;
      double m = expectedSpend[i];
      for (int j = 0; j < k; j++) {
        double c = cum[o + j];
        sum += v[j] * c;
        double inc = increment(c, prev, i, j);
        prev = c;
        cum[o + j] = inc * m * w[j];
      }
      totals[i] = checkFinite(sum * m, i);
    }
    return new ClvResult(n, k, cum, totals, periodLengthInModelUnits(), discountRatePerPeriod());
  }

  /**
   * Total CLV per row without materialising the per-period matrix.
   *
   * @param data customers in the model's time unit
   * @param expectedSpend expected spend per purchase per row
   * @param out output, length ≥ rows
   * @param parallel whether to use the common fork/join pool
   */
  public void totals(RecencyFrequencyData data, double[] expectedSpend, double[] out,
      boolean parallel) {
    checkSpend(data, expectedSpend);
    Objects.requireNonNull(out, "out");
    int n = data.size();
    if (out.length < n) {
      throw new IllegalArgumentException("out must have length >= " + n + ", was " + out.length);
    }
    if (!(model instanceof AbstractCustomerBaseModel)) {
      ClvResult r = compute(data, expectedSpend, parallel);
      for (int i = 0; i < n; i++) {
        out[i] = r.total(i);
      }
      return;
    }
    AbstractCustomerBaseModel m = (AbstractCustomerBaseModel) model;
    m.checkData(data);
    double[] times = times();
    double[] w = partsWeights(weights());
    int[] x = data.xRaw();
    double[] tx = data.txRaw();
    double[] age = data.ageRaw();
    if (!parallel || n <= BLOCK) {
      totalsRange(m, x, tx, age, 0, n, times, w, expectedSpend, out);
      return;
    }
    ForkJoinPool.commonPool().invoke(new AbstractCustomerBaseModel.RangeTask(0, n,
        AbstractCustomerBaseModel.chunk(n)) {
      private static final long serialVersionUID = 1L;

      @Override
      void leaf(int from, int to) {
        totalsRange(m, x, tx, age, from, to, times, w, expectedSpend, out);
      }
    });
  }

  private static void totalsRange(AbstractCustomerBaseModel m, int[] x, double[] tx,
      double[] age, int from, int to, double[] times, double[] w, double[] spend, double[] out) {
    int k = times.length;
    double[] buf = new double[Math.min(BLOCK, to - from) * k];
    Object state = m.newCumulativeState(k, to - from);
    for (int b = from; b < to; b += BLOCK) {
      int e = Math.min(to, b + BLOCK);
      m.cumulativeRange(x, tx, age, b, e, times, buf, 0, state);
      for (int i = b; i < e; i++) {
        int o = (i - b) * k;
        double prev = 0;
        double sum = 0;
        for (int j = 0; j < k; j++) {
          double c = buf[o + j];
          sum += w[j] * c;
          increment(c, prev, i, j);
          prev = c;
        }
        out[i] = checkFinite(sum * spend[i], i);
      }
    }
  }

  @Override
  public String toString() {
    return "ClvCalculator{model=" + model.name() + ", period=" + periodAmount + " " + periodUnit
        + ", periods=" + periods + ", discount=" + discountRate + " per "
        + (discountUnit == null ? "period" : discountUnit) + ", margin=" + margin + "}";
  }
}
