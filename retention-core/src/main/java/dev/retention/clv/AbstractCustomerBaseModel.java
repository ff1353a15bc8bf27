package dev.retention.clv;

import dev.retention.time.ModelTimeUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Shared validation and fork/join vectorisation for the continuous-time models. Each model
 * implements the per-range loops so that its hot loop is monomorphic.
 */
abstract class AbstractCustomerBaseModel implements CustomerBaseModel {
  /** Rows per leaf task when scoring in parallel. */
  private static final int MIN_CHUNK = 8192;

  final ModelTimeUnit unit;
  final ModelFit fit;

  AbstractCustomerBaseModel(ModelTimeUnit unit, ModelFit fit) {
    this.unit = Objects.requireNonNull(unit, "unit");
    this.fit = fit;
  }

  @Override
  public final ModelTimeUnit timeUnit() {
    return unit;
  }

  @Override
  public final Optional<ModelFit> fitResult() {
    return Optional.ofNullable(fit);
  }

  static double checkParameter(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, was " + v);
    }
    return v;
  }

  static void checkCustomer(int x, double tx, double age) {
    if (x < 0) {
      throw new IllegalArgumentException("x must be a non-negative integer, was " + x);
    }
    if (!(age >= 0 && age <= CustomerBaseModel.MAX_TIME)) {
      throw new IllegalArgumentException("T must be in [0, " + CustomerBaseModel.MAX_TIME
          + "] time units, was " + age);
    }
    if (!Double.isFinite(tx) || tx < 0 || tx > age) {
      throw new IllegalArgumentException("t_x must be finite with 0 <= t_x <= T = " + age
          + ", was " + tx);
    }
    if (x == 0 && tx != 0) {
      throw new IllegalArgumentException("t_x must be 0 when x = 0, was " + tx);
    }
  }

  static double checkTime(String name, double t) {
    if (!(t >= 0 && t <= CustomerBaseModel.MAX_TIME)) {
      throw new IllegalArgumentException(name + " must be in [0, " + CustomerBaseModel.MAX_TIME
          + "] time units, was " + t);
    }
    return t;
  }

  void checkData(RecencyFrequencyData data) {
    Objects.requireNonNull(data, "data");
    if (data.timeUnit() != unit) {
      throw new IllegalArgumentException("data time unit must equal the model's " + unit
          + ", was " + data.timeUnit() + " (convert with data.inUnit(" + unit + "))");
    }
  }

  /** Scores rows [from, to): either output may be null. */
  abstract void scoreRange(int[] x, double[] tx, double[] age, int from, int to, double t,
      double[] pAlive, double[] expected);

  /**
   * Cumulative expected purchases for rows [from, to) at each horizon, written to
   * {@code out[outOffset + (i - from) * times.length + j]}. {@code state} comes from
   * {@link #newCumulativeState(int, int)} and carries the per-pattern caches across calls of the
   * same task (same {@code times}).
   */
  abstract void cumulativeRange(int[] x, double[] tx, double[] age, int from, int to,
      double[] times, double[] out, int outOffset, Object state);

  /** Per-task caches for {@link #cumulativeRange}; not thread-safe. */
  abstract Object newCumulativeState(int horizons, int expectedRows);

  @Override
  public double[] probabilityAlive(RecencyFrequencyData data) {
    double[] out = new double[Objects.requireNonNull(data, "data").size()];
    score(data, 0, out, null, false);
    return out;
  }

  @Override
  public double[] conditionalExpectedPurchases(RecencyFrequencyData data, double t) {
    double[] out = new double[Objects.requireNonNull(data, "data").size()];
    score(data, t, null, out, false);
    return out;
  }

  @Override
  public void score(RecencyFrequencyData data, double t, double[] pAlive, double[] expected,
      boolean parallel) {
    checkData(data);
    checkTime("t", t);
    int n = data.size();
    if (pAlive != null && pAlive.length < n) {
      throw new IllegalArgumentException(
          "probabilityAlive must have length >= " + n + ", was " + pAlive.length);
    }
    if (expected != null && expected.length < n) {
      throw new IllegalArgumentException(
          "expectedPurchases must have length >= " + n + ", was " + expected.length);
    }
    int[] x = data.xRaw();
    double[] tx = data.txRaw();
    double[] age = data.ageRaw();
    if (!parallel || n <= MIN_CHUNK) {
      scoreRange(x, tx, age, 0, n, t, pAlive, expected);
      return;
    }
    ForkJoinPool.commonPool().invoke(new RangeTask(0, n, chunk(n)) {
      @Override
      void leaf(int from, int to) {
        scoreRange(x, tx, age, from, to, t, pAlive, expected);
      }
    });
  }

  @Override
  public void cumulativeExpectedPurchases(RecencyFrequencyData data, double[] times,
      double[] out, boolean parallel) {
    checkData(data);
    Objects.requireNonNull(times, "times");
    Objects.requireNonNull(out, "out");
    double prev = 0;
    for (int k = 0; k < times.length; k++) {
      checkTime("times[" + k + "]", times[k]);
      if (times[k] < prev) {
        throw new IllegalArgumentException("times must be increasing, was " + times[k]
            + " after " + prev + " (index " + k + ")");
      }
      prev = times[k];
    }
    int n = data.size();
    if (out.length < (long) n * times.length) {
      throw new IllegalArgumentException("out must have length >= rows * times = "
          + ((long) n * times.length) + ", was " + out.length);
    }
    int[] x = data.xRaw();
    double[] tx = data.txRaw();
    double[] age = data.ageRaw();
    double[] ts = times.clone();
    if (!parallel || n <= MIN_CHUNK) {
      cumulativeRange(x, tx, age, 0, n, ts, out, 0, newCumulativeState(ts.length, n));
      return;
    }
    ForkJoinPool.commonPool().invoke(new RangeTask(0, n, chunk(n)) {
      @Override
      void leaf(int from, int to) {
        cumulativeRange(x, tx, age, from, to, ts, out, from * ts.length,
            newCumulativeState(ts.length, to - from));
      }
    });
  }

  /**
   * One leaf per worker: each leaf evaluates the shared (x, T) parts of its rows once, so more
   * leaves would repeat that work.
   */
  static int chunk(int n) {
    int par = ForkJoinPool.getCommonPoolParallelism() + 1;
    return Math.max(MIN_CHUNK, (n + par - 1) / par);
  }

  /** Binary splitting of an index range down to a chunk size. */
  abstract static class RangeTask extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    final int from;
    final int to;
    final int chunk;

    RangeTask(int from, int to, int chunk) {
      this.from = from;
      this.to = to;
      this.chunk = chunk;
    }

    abstract void leaf(int from, int to);

    @Override
    protected void compute() {
      if (to - from <= chunk) {
        leaf(from, to);
        return;
      }
      int mid = (from + to) >>> 1;
      RangeTask outer = this;
      RangeTask left = new RangeTask(from, mid, chunk) {
        private static final long serialVersionUID = 1L;

        @Override
        void leaf(int f, int t) {
          outer.leaf(f, t);
        }
      };
      RangeTask right = new RangeTask(mid, to, chunk) {
        private static final long serialVersionUID = 1L;

        @Override
        void leaf(int f, int t) {
          outer.leaf(f, t);
        }
      };
      invokeAll(left, right);
    }
  }
}
