package dev.retention.clv;

import dev.retention.time.ModelTimeUnit;
import java.util.Optional;

/**
 * A fitted (or explicitly parameterised) non-contractual, continuous-time customer-base model:
 * customers buy at a rate λ while "alive" and drop out unobservably (BG/NBD, Pareto/NBD,
 * MBG/NBD). Time arguments are in {@link #timeUnit()}; vectorised methods refuse data in another
 * unit (convert with {@link RecencyFrequencyData#inUnit(ModelTimeUnit)}).
 *
 * <p>Single-customer arguments follow the rules of {@link RecencyFrequencyData} ({@code x} a
 * non-negative integer, {@code 0 ≤ t_x ≤ T ≤} {@link #MAX_TIME}, {@code t_x = 0} when
 * {@code x = 0}) and {@code 0 ≤ t ≤} {@link #MAX_TIME}; violations throw
 * {@link IllegalArgumentException}. For every valid input and every
 * positive finite parameter set the results are finite (no NaN, no infinity): probabilities lie
 * in [0, 1] and expectations are ≥ 0; where parameters lie so far outside the range the reference
 * grids cover (1e-3 to 1e3) that a bounded-work integral cannot reach its accuracy, the method
 * throws an {@link IllegalArgumentException} that says so rather than return an inexact value.
 *
 * <p>Implementations are immutable and thread-safe. Vectorised methods allocate only their output
 * arrays (and, in parallel mode, fork/join tasks over index ranges on the common pool).
 */
public interface CustomerBaseModel {

  /**
   * The largest T, t_x and horizon t that the single-customer methods accept, in the model's time
   * unit: 1e9 (19 million years in weeks). Larger values are refused with an
   * {@link IllegalArgumentException}, so that a timestamp passed in the wrong unit fails at once.
   */
  double MAX_TIME = 1e9;

  /**
   * The model name.
   *
   * @return for example {@code "BG/NBD"}
   */
  String name();

  /**
   * The time unit of the rates and of every time argument.
   *
   * @return the unit
   */
  ModelTimeUnit timeUnit();

  /**
   * The fit this model came from, if it was fitted (empty for explicitly parameterised models).
   *
   * @return the fit
   */
  Optional<ModelFit> fitResult();

  /**
   * The probability that a customer with history (x, t_x, T) is alive at T.
   *
   * @param x repeat purchases
   * @param tx recency
   * @param age T
   * @return P(alive | x, t_x, T) in [0, 1]
   */
  double probabilityAlive(int x, double tx, double age);

  /**
   * The probability that the customer is still alive at {@code T + t}, given the history only
   * (averaging over the purchases the customer may make in between).
   *
   * @param x repeat purchases
   * @param tx recency
   * @param age T
   * @param t time after T, {@code >= 0}
   * @return P(alive at T + t | x, t_x, T) in [0, 1]
   */
  double probabilityAliveAt(int x, double tx, double age, double t);

  /**
   * The expected number of purchases in (T, T + t] given the history.
   *
   * @param x repeat purchases
   * @param tx recency
   * @param age T
   * @param t horizon after T, {@code >= 0}
   * @return E[Y(t) | x, t_x, T] {@code >= 0}
   */
  double conditionalExpectedPurchases(int x, double tx, double age, double t);

  /**
   * The expected number of repeat purchases of a new customer in (0, t] (unconditional).
   *
   * @param t time since the first purchase, {@code >= 0}
   * @return E[X(t)]
   */
  double expectedPurchases(double t);

  /**
   * The probability that a new customer makes exactly {@code n} repeat purchases in (0, t].
   *
   * @param n the count, {@code >= 0}
   * @param t time since the first purchase, {@code >= 0}
   * @return P(X(t) = n)
   */
  double probabilityOfPurchases(int n, double t);

  /**
   * The probability that a customer with history (x, t_x, T) makes exactly {@code n} purchases in
   * (T, T + t]: {@code P(Y(t) = n | x, t_x, T)}.
   *
   * @param n the count, {@code >= 0}
   * @param x repeat purchases
   * @param tx recency
   * @param age T
   * @param t horizon after T, {@code >= 0}
   * @return the probability, in [0, 1]
   */
  double conditionalProbabilityOfPurchases(int n, int x, double tx, double age, double t);

  /**
   * The log-likelihood of one customer's history.
   *
   * @param x repeat purchases
   * @param tx recency
   * @param age T
   * @return ln L(params | x, t_x, T)
   */
  double logLikelihood(int x, double tx, double age);

  /**
   * P(alive) for every row.
   *
   * @param data customers in {@link #timeUnit()}
   * @return a new array, one value per row
   */
  double[] probabilityAlive(RecencyFrequencyData data);

  /**
   * Conditional expected purchases in (T, T + t] for every row.
   *
   * @param data customers in {@link #timeUnit()}
   * @param t horizon
   * @return a new array, one value per row
   */
  double[] conditionalExpectedPurchases(RecencyFrequencyData data, double t);

  /**
   * P(alive) and conditional expected purchases in (T, T + t] for every row in one pass, into
   * caller-provided arrays (no other allocation when sequential).
   *
   * @param data customers in {@link #timeUnit()}
   * @param t horizon
   * @param probabilityAlive output (length ≥ rows) or null
   * @param expectedPurchases output (length ≥ rows) or null
   * @param parallel whether to split the rows over the common fork/join pool
   */
  void score(RecencyFrequencyData data, double t, double[] probabilityAlive,
      double[] expectedPurchases, boolean parallel);

  /**
   * Cumulative conditional expected purchases E[Y(t_k) | x, t_x, T] at several horizons, for
   * every row: {@code out[row * times.length + k]}. This is what CLV needs.
   *
   * @param data customers in {@link #timeUnit()}
   * @param times increasing horizons {@code >= 0}
   * @param out output of length ≥ rows × times.length
   * @param parallel whether to split the rows over the common fork/join pool
   */
  void cumulativeExpectedPurchases(RecencyFrequencyData data, double[] times, double[] out,
      boolean parallel);
}
