package dev.retention.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.zip.GZIPInputStream;

/**
 * Reads a reference grid written by {@code tools/refgrid} (50/80-digit mpmath evaluations of the
 * papers' formulas at exact doubles, with the condition number κ of each point) and checks a
 * prediction against every point of it.
 *
 * <p>Tolerance of one point: {@code |got − want| ≤ max(1e-10, 16·κ·2⁻⁵³)·|want|}, or
 * {@code |got − want| ≤ 1e-300} (absolute, near zero). A non-finite result always fails. On
 * failure the message names the worst point, its inputs and the number of failing points.
 */
public final class ReferenceGrid {
  /** Relative tolerance where the prediction is well conditioned. */
  public static final double REL = 1e-10;
  /** Absolute tolerance near zero. */
  public static final double ABS = 1e-300;
  private static final double ULP_FACTOR = 16 * Math.ulp(1.0) / 2; // 16 * 2^-53

  /** One point: prediction name, method, κ, reference value and the inputs as text. */
  public record Point(String prediction, String method, double kappa, double value,
      String[] inputs) {
    /** @return input {@code i} as a double (parsed exactly) */
    public double d(int i) {
      return Double.parseDouble(inputs[i]);
    }

    /** @return input {@code i} as an int */
    public int i(int i) {
      return Integer.parseInt(inputs[i]);
    }

    /** @return the tolerance on the relative error of this point */
    public double relativeTolerance() {
      return Math.max(REL, ULP_FACTOR * kappa);
    }

    @Override
    public String toString() {
      return prediction + "(" + String.join(", ", inputs) + ") = " + value + " [" + method
          + ", kappa " + kappa + "]";
    }
  }

  private final String resource;
  private final Map<String, List<Point>> byPrediction = new LinkedHashMap<>();

  private ReferenceGrid(String resource) {
    this.resource = resource;
  }

  /**
   * Loads a gzipped grid from the test class path.
   *
   * @param resource the resource path, for example {@code /refgrid/bgnbd.tsv.gz}
   * @return the grid
   */
  public static ReferenceGrid load(String resource) {
    ReferenceGrid g = new ReferenceGrid(resource);
    try (InputStream in = Objects.requireNonNull(ReferenceGrid.class.getResourceAsStream(resource),
        resource + " not on the test class path (generate it with tools/refgrid)");
        BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
            StandardCharsets.US_ASCII))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isEmpty() || line.charAt(0) == '#') {
          continue;
        }
        String[] f = line.split("\t");
        String[] inputs = new String[f.length - 4];
        System.arraycopy(f, 4, inputs, 0, inputs.length);
        Point p = new Point(f[0], f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3]),
            inputs);
        if (!(p.kappa() >= 0) || Double.isInfinite(p.kappa()) && p.value() != 0) {
          throw new IllegalStateException(resource + ": kappa must be finite and >= 0 (or any "
              + "value at a zero reference, where the absolute tolerance applies), was "
              + f[2] + " at " + p);
        }
        g.byPrediction.computeIfAbsent(p.prediction(), k -> new ArrayList<>()).add(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return g;
  }

  /**
   * The points of one prediction.
   *
   * @param prediction the name
   * @return the points, in file order (empty when none)
   */
  public List<Point> points(String prediction) {
    return byPrediction.getOrDefault(prediction, List.of());
  }

  /**
   * Asserts the number of points of a prediction, then checks every one of them.
   *
   * @param prediction the name
   * @param expectedCount the number of points the generator wrote for it
   * @param f our implementation evaluated at a point's inputs
   * @return the worst relative error seen (for reporting)
   */
  public double check(String prediction, int expectedCount, ToDoubleFunction<Point> f) {
    List<Point> pts = points(prediction);
    assertEquals(expectedCount, pts.size(), resource + ": number of points of " + prediction);
    double worst = 0;
    double worstRatio = 0;
    Point worstPoint = null;
    double worstGot = 0;
    int failures = 0;
    for (Point p : pts) {
      double got;
      try {
        got = f.applyAsDouble(p);
      } catch (RuntimeException e) {
        throw new AssertionError(resource + ": " + p + " threw " + e, e);
      }
      double err = Math.abs(got - p.value());
      double rel = p.value() == 0 ? (err == 0 ? 0 : Double.POSITIVE_INFINITY)
          : err / Math.abs(p.value());
      boolean ok = Double.isFinite(got) && (err <= ABS || rel <= p.relativeTolerance());
      if (Double.isFinite(got) && err <= ABS) {
        rel = 0;
      }
      double ratio = Double.isFinite(got) ? rel / p.relativeTolerance() : Double.POSITIVE_INFINITY;
      if (!ok) {
        failures++;
      }
      if (ratio > worstRatio || worstPoint == null) {
        worstRatio = ratio;
        worstPoint = p;
        worstGot = got;
      }
      worst = Math.max(worst, Double.isFinite(rel) ? rel : Double.POSITIVE_INFINITY);
    }
    if (failures > 0) {
      fail(resource + ": " + failures + " of " + pts.size() + " points of " + prediction
          + " outside tolerance; worst " + worstPoint + " got " + worstGot + " (relative error "
          + Math.abs(worstGot - worstPoint.value()) / Math.abs(worstPoint.value()) + ")");
    }
    System.out.printf(java.util.Locale.ROOT, "%s %s: %d points, worst relative error %.3g%n",
        resource, prediction,
        pts.size(), worst);
    return worst;
  }
}
