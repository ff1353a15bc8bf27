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
 * </pre>
 *
 * where L is the period length converted to the model's time unit, K the number of periods, d the
 * discount rate per period and E[Y_i(t)] the model's conditional expected purchases in (T, T+t].
 * The per-period terms are available as well as the sum ({@link ClvResult}).
 *
 * <p>Time is typed, never implicit: the period is an amount and a {@link ModelTimeUnit}
 * (converted to the model's unit with mean Gregorian lengths, so one month = 30.436875/7 weeks),
 * the horizon must be a whole number of periods (else refused), and a discount rate is given per
 * unit of time and converted to the period by compounding: {@code d = (1 + rate)^(L / unit) − 1}.
 * A 1% monthly rate with weekly periods is therefore {@code 1.01^(7/30.436875) − 1} per week, and
 * 10% a year with monthly periods {@code 1.1^(1/12) − 1} per month. (lifetimes discounts
 * 30-day months at the monthly rate; our month is the mean Gregorian month.)
 *
 * <p>Defaults: 12 periods of one month, no discount, margin 1. Immutable and thread-safe;
 * configure by copies. {@link #totals} allocates O(threads · 65,536 · K) scratch;
 * {@link #compute} allocates the n × K per-period matrix.
 */
public final class ClvCalculator {
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
   * @param amount the length, finite and {@code > 0}
   * @param unit its unit
   * @return the new calculator
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
   * @param count the number of periods, {@code 1..10000}
   * @return the new calculator
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
   * @param value the margin, finite and {@code >= 0} (1 = revenue)
   * @return the new calculator
   */
  public ClvCalculator withMargin(double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("margin must be finite and >= 0, was " + value);
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

  private double[] weights() {
    double d = discountRatePerPeriod();
    double[] w = new double[periods];
    double lnD = Math.log1p(d);
    for (int k = 0; k < periods; k++) {
      w[k] = margin * Math.exp(-(k + 1) * lnD);
    }
    return w;
  }

  private static void checkSpend(RecencyFrequencyData data, double[] spend) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(spend, "expectedSpend");
    if (spend.length != data.size()) {
      throw new IllegalArgumentException("expectedSpend must have one value per row ("
          + data.size() + "), had " + spend.length);
    }
    for (int i = 0; i < spend.length; i++) {
      if (!(spend[i] >= 0) || Double.isInfinite(spend[i])) {
        throw new IllegalArgumentException(
            "expectedSpend must be finite and >= 0, was " + spend[i] + " (row " + i + ")");
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
    double[] totals = new double[n];
    for (int i = 0; i < n; i++) {
      double prev = 0;
      double sum = 0;
      int o = i * k;
      double m = expectedSpend[i];
      for (int j = 0; j < k; j++) {
        double c = cum[o + j];
        double v = Math.max(0.0, c - prev) * m * w[j];
        prev = c;
        cum[o + j] = v;
        sum += v;
      }
      totals[i] = sum;
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
    double[] w = weights();
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
          sum += Math.max(0.0, c - prev) * w[j];
          prev = c;
        }
        out[i] = sum * spend[i];
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
