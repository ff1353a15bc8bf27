package dev.retention.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.retention.testing.ReferenceGrid;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link Hypergeometric} against its own reference grid {@code /refgrid/hyp2f1.tsv.gz}, written
 * by {@code tools/refgrid/gen_hyp2f1.py} from mpmath 1.3.0 ({@code hyp2f1}, or quadrature of
 * Euler's integral where hyp2f1 does not converge) at 50 and 80 digits: the corners of the domain,
 * c − a − b integer and within 1e-8 / 1e-10 of an integer, a − b integer, parameters up to 2e5,
 * z from −1e12 to 1 − 1e-12, and the argument sets the BG/NBD, MBG/NBD and Pareto/NBD models form
 * (including the examples).
 *
 * <p>The grid stores ln|F| and the sign of F, and κ, the condition number of F itself with respect
 * to a, b, c and z. The check: the sign is equal and {@code |ln|F|got − ln|F|ref| ≤ max(1e-10,
 * 16·κ·2⁻⁵³)}, which is the relative tolerance of {@link ReferenceGrid} applied to F (to first
 * order, relative error of F = absolute error of ln F), without overflowing for values beyond the
 * double range.
 */
class HypergeometricGridTest {
  private static final String RESOURCE = "/refgrid/hyp2f1.tsv.gz";
  /** Points the generator wrote (its summary line; the test fails if the file differs). */
  private static final int POINTS = 5_235;

  private static String region(double a, double b, double c, double z) {
    String zr;
    if (z < -1) {
      zr = "z < -1";
    } else if (z < 0) {
      zr = "-1 <= z < 0";
    } else if (z <= 0.5) {
      zr = "0 <= z <= 1/2";
    } else if (z <= 0.99) {
      zr = "1/2 < z <= 0.99";
    } else {
      zr = "0.99 < z < 1";
    }
    String pr = Math.max(a, Math.max(b, c)) > 1e3 ? "large (max > 1e3)" : "moderate (<= 1e3)";
    String cr = c > Math.min(a, b) ? "c > min(a,b)" : "c <= min(a,b)";
    return String.format("%-16s %-18s %s", zr, pr, cr);
  }

  @Test
  void everyPointWithinTolerance() {
    List<ReferenceGrid.Point> pts = ReferenceGrid.load(RESOURCE).points("hyp2f1");
    Map<String, double[]> worst = new TreeMap<>(); // region -> {count, worst |err|, worst err/tol}
    int failures = 0;
    String worstFailure = null;
    double worstRatio = 0;
    double[] sign = new double[1];
    long t0 = System.nanoTime();
    for (ReferenceGrid.Point p : pts) {
      double a = p.d(0);
      double b = p.d(1);
      double c = p.d(2);
      double z = p.d(3);
      int refSign = p.i(4);
      double got;
      try {
        got = Hypergeometric.logAbs(a, b, c, z, sign);
      } catch (RuntimeException e) {
        throw new AssertionError(RESOURCE + ": " + p + " threw " + e, e);
      }
      double err = Math.abs(got - p.value());
      double tol = p.relativeTolerance();
      boolean ok = Double.isFinite(got) && err <= tol && sign[0] == refSign;
      double ratio = ok ? err / tol : Double.POSITIVE_INFINITY;
      if (!ok) {
        failures++;
      }
      if (ratio >= worstRatio) {
        worstRatio = ratio;
        worstFailure = p + " got ln|F| = " + got + " sign " + sign[0] + " (|error| " + err
            + ", tolerance " + tol + ")";
      }
      double[] w = worst.computeIfAbsent(region(a, b, c, z), k -> new double[3]);
      w[0]++;
      w[1] = Math.max(w[1], Double.isFinite(err) ? err : Double.POSITIVE_INFINITY);
      w[2] = Math.max(w[2], ratio);
    }
    long ns = System.nanoTime() - t0;
    System.out.printf(java.util.Locale.ROOT,
        "%s: %d points in %.1f ms; worst |error of ln F| and error/tolerance:%n",
        RESOURCE, pts.size(), ns / 1e6);
    for (Map.Entry<String, double[]> e : worst.entrySet()) {
      System.out.printf(java.util.Locale.ROOT, "  %-60s %5d  %.2e  %.3f%n", e.getKey(),
          (int) e.getValue()[0],
          e.getValue()[1], e.getValue()[2]);
    }
    System.out.println("  worst point: " + worstFailure);
    assertEquals(POINTS, pts.size(), RESOURCE + ": number of points");
    if (failures > 0) {
      fail(RESOURCE + ": " + failures + " of " + pts.size() + " points outside tolerance; worst "
          + worstFailure);
    }
  }
}
