package dev.retention.internal;

/**
 * Unconstrained minimisation by the BFGS quasi-Newton method with a line search satisfying the
 * strong Wolfe conditions: Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed. (2006),
 * Algorithm 6.1 (BFGS, inverse-Hessian update 6.17, initial scaling 6.20) and Algorithms 3.5/3.6
 * (line search and zoom, safeguarded quadratic/cubic interpolation). Written for small dimensions
 * (k ≤ ~20): the inverse Hessian is a dense k×k array.
 *
 * <p>Non-finite function values are treated as +infinity, so the line search backs off from
 * regions where the likelihood cannot be evaluated. No trial step changes a coordinate by more
 * than {@value #MAX_STEP}. Convergence: max-norm of the gradient ≤ the
 * tolerance, or, when no step along a freshly reset steepest-descent direction decreases the
 * function any more (the minimum is resolved to double precision), max-norm ≤ sqrt(tolerance).
 * Stops without convergence at the iteration limit, at the evaluation budget, when an iterate
 * leaves the box {@code |x_i| <= bound_i} (the minimum lies towards infinity in that coordinate),
 * or when the line search fails with a larger gradient (the function is not smooth there, or the
 * gradient is wrong).
 *
 * <p>Work is bounded: at most {@code maxIterations} iterations and {@code maxEvaluations}
 * function evaluations in all (each line search is cut short when the budget runs out, and is
 * itself limited to 60 bracketing and 60 zoom evaluations plus one).
 *
 * <p>Stateless and thread-safe; the function object is called from the calling thread only.
 */
public final class Bfgs {
  private static final double C1 = 1e-4;
  private static final double C2 = 0.9;
  private static final int MAX_LINE_SEARCH = 60;
  /**
   * The largest change of any coordinate in one line search (a trust-region-like cap): 3 in
   * log-parameter space is a factor of e³ ≈ 20 per iteration. Without it a long quasi-Newton
   * step along a likelihood ridge can jump from r = 11 to r = 1.5e13 in one trial, where some
   * likelihoods are costly to evaluate.
   */
  static final double MAX_STEP = 3.0;

  private Bfgs() {}

  /** A smooth function with gradient. */
  public interface Function {
    /**
     * The value at {@code x}; writes the gradient into {@code gradient}. A non-finite value
     * means "cannot be evaluated here".
     *
     * @param x the point (not modified)
     * @param gradient output, same length as x
     * @return f(x)
     */
    double value(double[] x, double[] gradient);
  }

  /**
   * The outcome of a minimisation.
   *
   * @param x the final point
   * @param value f(x)
   * @param gradientNorm max-norm of the gradient at x
   * @param iterations iterations done
   * @param evaluations function evaluations done
   * @param converged whether the gradient tolerance was met
   * @param stop why it stopped
   * @param stopReason why it stopped, in words
   */
  public record Result(
      double[] x, double value, double gradientNorm, int iterations, int evaluations,
      boolean converged, Stop stop, String stopReason) {}

  /** Why a minimisation stopped. */
  public enum Stop {
    /** The gradient tolerance was met (or the looser one where no decrease is left). */
    CONVERGED,
    /** The iteration limit was reached. */
    ITERATION_LIMIT,
    /** The evaluation budget was spent. */
    EVALUATION_LIMIT,
    /** An iterate left the box {@code |x_i| <= bound_i}. */
    LEFT_BOX,
    /** The line search found no decrease and the gradient is not small. */
    NO_DECREASE,
    /**
     * Over the last {@link Stall#window()} iterations f decreased by less than
     * {@link Stall#decrease()} while a coordinate moved by more than {@link Stall#move()}: the
     * function is flat along the path (a ridge), so the minimum is not determined.
     */
    STALLED
  }

  /**
   * The flat-ridge rule: stop with {@link Stop#STALLED} when, over the last {@code window}
   * iterations, f decreased by less than {@code decrease} while some coordinate moved by more
   * than {@code move}.
   *
   * @param window iterations compared, {@code >= 1}
   * @param decrease the least decrease of f over the window that counts as progress
   * @param move the largest change of a coordinate over the window allowed without progress
   */
  public record Stall(int window, double decrease, double move) {}

  /**
   * Minimises {@code f} from {@code x0}.
   *
   * @param f the function
   * @param x0 the starting point (not modified); f(x0) must be finite
   * @param gradientTolerance convergence threshold on the gradient's max-norm
   * @param maxIterations the iteration limit
   * @return the result
   */
  public static Result minimize(Function f, double[] x0, double gradientTolerance,
      int maxIterations) {
    return minimize(f, x0, gradientTolerance, maxIterations, Integer.MAX_VALUE, null);
  }

  /**
   * Minimises {@code f} from {@code x0} within a work budget and a box.
   *
   * @param f the function
   * @param x0 the starting point (not modified); f(x0) must be finite
   * @param gradientTolerance convergence threshold on the gradient's max-norm
   * @param maxIterations the iteration limit, {@code >= 0}
   * @param maxEvaluations the most evaluations of {@code f} in all, the first included,
   *     {@code >= 1}
   * @param bound per coordinate, the largest {@code |x_i|} an accepted iterate may have before
   *     the search stops ({@link Stop#LEFT_BOX}); null for none
   * @return the result
   */
  public static Result minimize(Function f, double[] x0, double gradientTolerance,
      int maxIterations, int maxEvaluations, double[] bound) {
    double[] g0 = new double[x0.length];
    double f0 = f.value(x0.clone(), g0);
    return minimize(f, x0, f0, g0, gradientTolerance, maxIterations, maxEvaluations, bound,
        null);
  }

  /**
   * As {@link #minimize(Function, double[], double, int, int, double[])}, with the value and
   * gradient at {@code x0} already computed by the caller (that evaluation counts as the first
   * of {@code maxEvaluations}).
   *
   * @param f the function
   * @param x0 the starting point (not modified)
   * @param f0 f(x0), finite
   * @param g0 the gradient at x0 (not modified)
   * @param gradientTolerance convergence threshold on the gradient's max-norm
   * @param maxIterations the iteration limit, {@code >= 0}
   * @param maxEvaluations the most evaluations of {@code f} in all, the first included
   * @param bound per coordinate, the largest {@code |x_i|} an accepted iterate may have; null for
   *     none
   * @param stall the flat-ridge rule, or null for none
   * @return the result
   */
  public static Result minimize(Function f, double[] x0, double f0, double[] g0,
      double gradientTolerance, int maxIterations, int maxEvaluations, double[] bound,
      Stall stall) {
    int k = x0.length;
    // accepted iterates of the last stall.window() iterations, a ring: value and point
    double[] pastF = stall == null ? null : new double[stall.window()];
    double[][] pastX = stall == null ? null : new double[stall.window()][];
    double[] x = x0.clone();
    double[] g = g0.clone();
    double fx = f0;
    int evals = 1;
    double[][] h = identity(k);
    boolean scaled = false;
    double[] d = new double[k];
    double[] xNew = new double[k];
    double[] gNew = new double[k];
    double[] s = new double[k];
    double[] y = new double[k];
    double[] hy = new double[k];
    int iter = 0;
    boolean reset = false;
    while (true) {
      double gn = maxAbs(g);
      if (gn <= gradientTolerance) {
        return new Result(x, fx, gn, iter, evals, true, Stop.CONVERGED, "gradient tolerance met");
      }
      if (iter >= maxIterations) {
        return new Result(x, fx, gn, iter, evals, false, Stop.ITERATION_LIMIT,
            "iteration limit " + maxIterations + " reached");
      }
      if (evals >= maxEvaluations) {
        return new Result(x, fx, gn, iter, evals, false, Stop.EVALUATION_LIMIT,
            "evaluation budget " + maxEvaluations + " spent");
      }
      if (stall != null) {
        int slot = iter % stall.window();
        if (iter >= stall.window() && pastF[slot] - fx < stall.decrease()) {
          for (int i = 0; i < k; i++) {
            if (Math.abs(x[i] - pastX[slot][i]) > stall.move()) {
              return new Result(x, fx, gn, iter, evals, false, Stop.STALLED, String.format(
                  java.util.Locale.ROOT, "flat: over the last %d iterations f decreased by"
                      + " %.3g < %.3g while coordinate %d moved by %.3g > %.3g",
                  stall.window(), pastF[slot] - fx, stall.decrease(), i,
                  Math.abs(x[i] - pastX[slot][i]), stall.move()));
            }
          }
        }
        pastF[slot] = fx;
        pastX[slot] = x.clone();
      }
      if (bound != null) {
        for (int i = 0; i < k; i++) {
          if (Math.abs(x[i]) > bound[i]) {
            return new Result(x, fx, gn, iter, evals, false, Stop.LEFT_BOX,
                "coordinate " + i + " left the search box (|x| = " + Math.abs(x[i]) + " > "
                    + bound[i] + ")");
          }
        }
      }
      // d = -H g
      double dg = 0;
      for (int i = 0; i < k; i++) {
        double sum = 0;
        for (int j = 0; j < k; j++) {
          sum -= h[i][j] * g[j];
        }
        d[i] = sum;
        dg += sum * g[i];
      }
      if (!(dg < 0)) {
        h = identity(k);
        scaled = false;
        for (int i = 0; i < k; i++) {
          d[i] = -g[i];
        }
        dg = -dot(g, g);
      }
      double alpha0 = 1.0;
      if (!scaled) {
        // First step along steepest descent: move at most 1 in log-parameter space.
        alpha0 = Math.min(1.0, 1.0 / maxAbs(d));
      }
      double alphaMax = MAX_STEP / maxAbs(d);
      alpha0 = Math.min(alpha0, alphaMax);
      LineSearch ls = lineSearch(f, x, fx, g, d, dg, alpha0, alphaMax, xNew, gNew,
          maxEvaluations - evals);
      evals += ls.evaluations;
      if (!ls.success && evals >= maxEvaluations) {
        return new Result(x, fx, gn, iter, evals, false, Stop.EVALUATION_LIMIT,
            "evaluation budget " + maxEvaluations + " spent");
      }
      if (!ls.success) {
        if (!reset) {
          // retry once from a fresh steepest-descent direction
          h = identity(k);
          scaled = false;
          reset = true;
          continue;
        }
        // No representable decrease left: the minimum is resolved to double precision. That
        // counts as converged when the gradient is small on the looser sqrt(tolerance) scale
        // (with many observations the mean objective's rounding noise is ~1e-16 |f| and the
        // gradient cannot be driven below ~1e-8 reliably).
        boolean ok = gn <= Math.sqrt(gradientTolerance);
        return new Result(x, fx, gn, iter, evals, ok, ok ? Stop.CONVERGED : Stop.NO_DECREASE, ok
            ? "objective cannot decrease further in double precision"
            : "line search found no decrease along steepest descent");
      }
      reset = false;
      iter++;
      for (int i = 0; i < k; i++) {
        s[i] = xNew[i] - x[i];
        y[i] = gNew[i] - g[i];
      }
      double ys = dot(y, s);
      if (ys > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
        if (!scaled) {
          double gamma = ys / dot(y, y);
          for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
              h[i][j] = i == j ? gamma : 0.0;
            }
          }
          scaled = true;
        }
        // H+ = (I - rho s y')H(I - rho y s') + rho s s'
        double rho = 1.0 / ys;
        for (int i = 0; i < k; i++) {
          double sum = 0;
          for (int j = 0; j < k; j++) {
            sum += h[i][j] * y[j];
          }
          hy[i] = sum;
        }
        double yhy = dot(y, hy);
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j])
                + (rho * rho * yhy + rho) * s[i] * s[j];
          }
        }
      }
      System.arraycopy(xNew, 0, x, 0, k);
      System.arraycopy(gNew, 0, g, 0, k);
      fx = ls.value;
    }
  }

  private static final class LineSearch {
    boolean success;
    double value;
    int evaluations;
  }

  /**
   * Nocedal &amp; Wright Algorithm 3.5 with zoom (Algorithm 3.6), using at most {@code budget}
   * evaluations (fails when they run out), with steps at most {@code alphaMax}: where the
   * function still decreases steeply at {@code alphaMax}, that step is accepted (sufficient
   * decrease holds; the curvature condition is left to the next iterations).
   */
  private static LineSearch lineSearch(Function f, double[] x, double f0, double[] g0, double[] d,
      double dg0, double alphaInit, double alphaMax, double[] xOut, double[] gOut, int budget) {
    int k = x.length;
    LineSearch out = new LineSearch();
    double[] gt = new double[k];
    double aPrev = 0;
    double fPrev = f0;
    double dgPrev = dg0;
    double a = alphaInit;
    double aLo = Double.NaN;
    double aHi = Double.NaN;
    double fLo = 0;
    double dgLo = 0;
    double fHi = 0;
    boolean zoom = false;
    int evals = 0;
    for (int it = 0; it < MAX_LINE_SEARCH && !zoom && evals < budget; it++) {
      for (int i = 0; i < k; i++) {
        xOut[i] = x[i] + a * d[i];
      }
      double fa = f.value(xOut, gt);
      evals++;
      if (!Double.isFinite(fa)) {
        // cannot evaluate: shrink towards the last good step
        a = aPrev + 0.1 * (a - aPrev);
        if (a - aPrev < 1e-16) {
          break;
        }
        continue;
      }
      double dga = dot(gt, d);
      if (fa > f0 + C1 * a * dg0 || (it > 0 && fa >= fPrev)) {
        aLo = aPrev;
        fLo = fPrev;
        dgLo = dgPrev;
        aHi = a;
        fHi = fa;
        zoom = true;
        break;
      }
      if (Math.abs(dga) <= -C2 * dg0) {
        System.arraycopy(gt, 0, gOut, 0, k);
        out.success = true;
        out.value = fa;
        out.evaluations = evals;
        return out;
      }
      if (dga >= 0) {
        aLo = a;
        fLo = fa;
        dgLo = dga;
        aHi = aPrev;
        fHi = fPrev;
        zoom = true;
        break;
      }
      if (a >= alphaMax) {
        System.arraycopy(gt, 0, gOut, 0, k);
        out.success = true;
        out.value = fa;
        out.evaluations = evals;
        return out;
      }
      aPrev = a;
      fPrev = fa;
      dgPrev = dga;
      a = Math.min(Math.min(a * 2.5, 1e3 * alphaInit), alphaMax);
    }
    if (!zoom) {
      out.evaluations = evals;
      return out;
    }
    double bestA = aLo;
    double bestF = fLo;
    for (int it = 0; it < MAX_LINE_SEARCH && evals < budget; it++) {
      // safeguarded quadratic interpolation from (aLo, fLo, dgLo) and (aHi, fHi)
      double lo = Math.min(aLo, aHi);
      double hi = Math.max(aLo, aHi);
      double width = hi - lo;
      double aj;
      double denom = 2 * (fHi - fLo - dgLo * (aHi - aLo));
      if (Double.isFinite(fHi) && denom > 0) {
        aj = aLo - dgLo * (aHi - aLo) * (aHi - aLo) / denom;
      } else {
        aj = 0.5 * (aLo + aHi);
      }
      if (!(aj > lo + 0.1 * width && aj < hi - 0.1 * width)) {
        aj = 0.5 * (aLo + aHi);
      }
      if (width <= 1e-16 * Math.max(1.0, hi)) {
        break;
      }
      for (int i = 0; i < k; i++) {
        xOut[i] = x[i] + aj * d[i];
      }
      double fj = f.value(xOut, gt);
      evals++;
      if (!Double.isFinite(fj) || fj > f0 + C1 * aj * dg0 || fj >= fLo) {
        aHi = aj;
        fHi = Double.isFinite(fj) ? fj : Double.POSITIVE_INFINITY;
      } else {
        double dgj = dot(gt, d);
        if (Math.abs(dgj) <= -C2 * dg0) {
          System.arraycopy(gt, 0, gOut, 0, k);
          out.success = true;
          out.value = fj;
          out.evaluations = evals;
          return out;
        }
        if (dgj * (aHi - aLo) >= 0) {
          aHi = aLo;
          fHi = fLo;
        }
        aLo = aj;
        fLo = fj;
        dgLo = dgj;
        bestA = aj;
        bestF = fj;
      }
    }
    // Zoom did not meet the curvature condition; accept the best sufficient-decrease point.
    if (bestA > 0 && bestF < f0 && evals < budget) {
      for (int i = 0; i < k; i++) {
        xOut[i] = x[i] + bestA * d[i];
      }
      out.value = f.value(xOut, gOut);
      evals++;
      out.success = Double.isFinite(out.value) && out.value < f0;
    }
    out.evaluations = evals;
    return out;
  }

  private static double[][] identity(int k) {
    double[][] h = new double[k][k];
    for (int i = 0; i < k; i++) {
      h[i][i] = 1.0;
    }
    return h;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
