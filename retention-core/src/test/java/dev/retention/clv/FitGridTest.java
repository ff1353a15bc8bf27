package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.clv.CustomerBaseSimulator.Process;
import dev.retention.time.ModelTimeUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fits on a grid of simulated truths either recover the truth or fail honestly, and always end.
 *
 * <p>Grid: {@code r, s ∈ {0.1, 1, 10}} × {@code α, β ∈ {0.1, 1, 10, 100}} (144 sets) for
 * Pareto/NBD; for BG/NBD {@code a} takes the values of s and {@code b} those of β. Each set is
 * 2,000 customers simulated by {@link CustomerBaseSimulator} with seed {@code 1000 + set index},
 * acquired on a day of the first 12 weeks of a 52-week calibration period (T from 40 1/7 to 52
 * weeks, drawn with seed {@code 77 + set index}), as CDNOW's customers were acquired over its
 * first 12 weeks. Purchase times t_x are exact, not rounded to days: the models assume exact
 * times, and with rates of 10 or more purchases a week (α = 0.1) rounding t_x down to the day
 * biased the estimates by up to 10 standard errors in a first version of this test.
 *
 * <p>Each set ends in one of four outcomes: <b>recovered</b> (the fit converged and every
 * parameter is within 3 standard errors of the truth), <b>ModelFitException</b> (the fit says
 * why it failed, within its work budget), <b>outside 3 SE</b> (the fit converged more than 3
 * standard errors from the truth), or <b>failed</b> (any other exception, or more than 10 s).
 * Asserted: no set failed; for Pareto/NBD (and the BG/NBD subset) at least 80% recovered; at most
 * 10% of the sets outside 3 SE.
 *
 * <p>The last bound departs from the wording ("every other set ends in a
 * ModelFitException"), which no estimator can meet: the fit cannot know the truth, and a
 * converged maximum more than 3 standard errors away is not an error the fitter can detect. With
 * exact Wald standard errors a set would land outside 3 SE with probability about 1.1% (4 ×
 * 0.27%); in the sparse corners of this grid (r = 0.1 with α ≥ 1: under 0.3 repeat purchases
 * per customer) the likelihood is far from quadratic and the Wald standard errors understate the
 * spread: refitting set 24 (r = 0.1, α = 10, s = β = 0.1) on 12 other seeds gave |z| > 3 in 3 of
 * 11 converged fits, while set 18 on 12 seeds never exceeded |z| = 2.7.
 *
 * <p>The default build runs every sixth set (24 sets, the indices 0, 6, …, 138); the full grid is
 * tagged {@code slow} and runs with {@code mvn -Pslow}. Times are printed, not asserted.
 */
class FitGridTest {
  static final double[] SHAPES = {0.1, 1, 10};
  static final double[] SCALES = {0.1, 1, 10, 100};
  static final int CUSTOMERS = 2000;
  static final Duration HANG_GUARD = Duration.ofSeconds(10);

  /** The truth of set {@code index} in 0..143: (r, α, s, β), r slowest, β fastest. */
  static double[] truth(int index) {
    int b = index % 4;
    int s = (index / 4) % 3;
    int a = (index / 12) % 4;
    int r = index / 48;
    return new double[] {SHAPES[r], SCALES[a], SHAPES[s], SCALES[b]};
  }

  static RecencyFrequencyData simulate(Process process, double[] t, int index) {
    SplittableRandom rnd = new SplittableRandom(77 + index);
    double[] ages = new double[CUSTOMERS];
    for (int i = 0; i < CUSTOMERS; i++) {
      ages[i] = 52 - Math.floor(rnd.nextDouble(0, 12) * 7) / 7;
    }
    return CustomerBaseSimulator.simulate(process, t[0], t[1], t[2], t[3], ages, 0,
        ModelTimeUnit.WEEKS, 1000 + index);
  }

  enum Outcome { RECOVERED, MODEL_FIT_EXCEPTION, OUTSIDE_3SE, FAILED }

  record Result(int index, double[] truth, Outcome outcome, String detail, double seconds,
      boolean warned) {}

  static Result run(Process process, int index) {
    double[] t = truth(index);
    RecencyFrequencyData data = simulate(process, t, index);
    long start = System.nanoTime();
    try {
      ModelFit fit = assertTimeoutPreemptively(HANG_GUARD, () -> process == Process.PARETO_NBD
          ? ParetoNbdModel.fit(data).fitResult().orElseThrow()
          : BgNbdModel.fit(data).fitResult().orElseThrow());
      double sec = (System.nanoTime() - start) / 1e9;
      double[] est = fit.parameters();
      double[] se = fit.standardErrors();
      double worst = 0;
      for (int i = 0; i < 4; i++) {
        worst = Math.max(worst, Math.abs(est[i] - t[i]) / se[i]);
      }
      String detail = String.format(Locale.ROOT, "max |z| %.2f, %d evaluations, %s", worst,
          fit.evaluations(), fit);
      return new Result(index, t, !fit.converged() ? Outcome.FAILED
          : worst <= 3 ? Outcome.RECOVERED : Outcome.OUTSIDE_3SE, detail, sec, fit.hasWarnings());
    } catch (ModelFitException e) {
      return new Result(index, t, Outcome.MODEL_FIT_EXCEPTION, e.getMessage(),
          (System.nanoTime() - start) / 1e9, false);
    } catch (RuntimeException | Error e) {
      // includes the timeout's AssertionFailedError
      return new Result(index, t, Outcome.FAILED, e.toString(),
          (System.nanoTime() - start) / 1e9, false);
    }
  }

  static void grid(Process process, int step, boolean assertRecovery) {
    List<Result> results = new ArrayList<>();
    for (int index = 0; index < 144; index += step) {
      results.add(run(process, index));
    }
    int recovered = 0;
    int exceptions = 0;
    int outside = 0;
    int warned = 0;
    Result slowest = results.get(0);
    StringBuilder failed = new StringBuilder();
    StringBuilder outsideSets = new StringBuilder();
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "FitGridTest %s set %3d r=%s alpha=%s %s=%s %s=%s: %s"
          + " (%.2f s) %s%n", process, r.index(), r.truth()[0], r.truth()[1],
          process == Process.PARETO_NBD ? "s" : "a", r.truth()[2],
          process == Process.PARETO_NBD ? "beta" : "b", r.truth()[3], r.outcome(), r.seconds(),
          r.detail());
      switch (r.outcome()) {
        case RECOVERED -> recovered++;
        case MODEL_FIT_EXCEPTION -> exceptions++;
        case OUTSIDE_3SE -> {
          outside++;
          outsideSets.append(' ').append(r.index());
        }
        default -> failed.append("\n  set ").append(r.index()).append(": ").append(r.detail());
      }
      if (r.warned()) {
        warned++;
      }
      if (r.seconds() > slowest.seconds()) {
        slowest = r;
      }
    }
    int n = results.size();
    System.out.printf(Locale.ROOT, "FitGridTest %s: %d sets, %d recovered within 3 SE (%d of them"
        + " with an identification warning), %d ModelFitException, %d converged outside 3 SE"
        + " (sets%s), %d failed; slowest fit set %d %.2f s%n", process, n, recovered, warned,
        exceptions, outside, outsideSets, n - recovered - exceptions - outside, slowest.index(),
        slowest.seconds());
    assertTrue(failed.length() == 0, process + ": sets that neither converged nor failed with"
        + " ModelFitException within " + HANG_GUARD + ":" + failed);
    if (assertRecovery) {
      assertTrue(recovered >= 0.8 * n, process + ": only " + recovered + " of " + n
          + " sets recovered within 3 SE");
    }
    assertTrue(outside <= 0.1 * n, process + ": " + outside + " of " + n
        + " sets converged outside 3 SE (sets" + outsideSets + ")");
  }

  @Test
  void paretoNbdSubset() {
    grid(Process.PARETO_NBD, 6, true);
  }

  @Test
  void bgNbdSubset() {
    grid(Process.BG_NBD, 6, true);
  }

  @Test
  @Tag("slow")
  void paretoNbdFullGrid() {
    grid(Process.PARETO_NBD, 1, true);
  }

  @Test
  @Tag("slow")
  void bgNbdFullGrid() {
    // the issue asks for BG/NBD recovery on the 24-set subset only; on the full grid the share
    // recovered is reported (111 of 144 on the first run), not asserted
    grid(Process.BG_NBD, 1, false);
  }
}
