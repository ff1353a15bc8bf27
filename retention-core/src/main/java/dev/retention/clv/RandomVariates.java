package dev.retention.clv;

import java.util.SplittableRandom;

/**
 * Gamma and beta variates drawn from a caller-supplied {@link SplittableRandom}, for the seeded
 * model simulators. Not API.
 *
 * <p>Gamma variates use Marsaglia and Tsang (2000), "A simple method for generating gamma
 * variables", ACM TOMS 26(3), with the boost {@code G(a) = G(a + 1) U^(1/a)} for shapes below 1,
 * carried out in log space so that shapes down to 1e-3 do not underflow to zero. Beta variates are
 * {@code G1 / (G1 + G2)} computed from the logs of the two gamma variates, so that they stay in
 * {@code [0, 1]} and are never NaN.
 *
 * <p>Stateless; thread safety is that of the generator passed in. Allocates nothing.
 */
final class RandomVariates {

  private RandomVariates() {}

  /**
   * The natural logarithm of a Gamma(shape, rate 1) variate.
   *
   * @param random the generator
   * @param shape the shape, {@code > 0} and finite
   * @return {@code ln G}, finite except {@code -infinity} with probability ~0 for tiny shapes
   */
  static double logGamma(SplittableRandom random, double shape) {
    if (shape < 1.0) {
      // G(a) = G(a + 1) * U^(1/a)  =>  ln G(a) = ln G(a + 1) + ln(U) / a
      double u = uniformOpen(random);
      return logGamma(random, shape + 1.0) + Math.log(u) / shape;
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9.0 * d);
    while (true) {
      double z;
      double v;
      do {
        z = normal(random);
        v = 1.0 + c * z;
      } while (v <= 0.0);
      v = v * v * v;
      double u = uniformOpen(random);
      double zz = z * z;
      if (u < 1.0 - 0.0331 * zz * zz
          || Math.log(u) < 0.5 * zz + d * (1.0 - v + Math.log(v))) {
        return Math.log(d) + Math.log(v);
      }
    }
  }

  /**
   * A Gamma(shape, rate) variate.
   *
   * @param random the generator
   * @param shape the shape, {@code > 0}
   * @param rate the rate (inverse scale), {@code > 0}
   * @return a non-negative variate (zero only by underflow for tiny shapes)
   */
  static double gamma(SplittableRandom random, double shape, double rate) {
    return Math.exp(logGamma(random, shape)) / rate;
  }

  /**
   * A Beta(a, b) variate.
   *
   * @param random the generator
   * @param a first shape, {@code > 0}
   * @param b second shape, {@code > 0}
   * @return a value in {@code [0, 1]}
   */
  static double beta(SplittableRandom random, double a, double b) {
    double la = logGamma(random, a);
    double lb = logGamma(random, b);
    // G1 / (G1 + G2) = 1 / (1 + exp(ln G2 - ln G1)), safe for any finite or infinite difference
    double diff = lb - la;
    if (Double.isNaN(diff)) {
      // both -infinity: both variates underflowed; the tie is broken by a fair coin
      return random.nextBoolean() ? 1.0 : 0.0;
    }
    return 1.0 / (1.0 + Math.exp(diff));
  }

  /**
   * A standard normal variate (Marsaglia polar method, one of the pair is discarded to keep the
   * sampler stateless).
   */
  static double normal(SplittableRandom random) {
    double u;
    double v;
    double s;
    do {
      u = 2.0 * random.nextDouble() - 1.0;
      v = 2.0 * random.nextDouble() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    return u * Math.sqrt(-2.0 * Math.log(s) / s);
  }

  /** A uniform variate in the open interval (0, 1). */
  static double uniformOpen(SplittableRandom random) {
    double u;
    do {
      u = random.nextDouble();
    } while (u == 0.0);
    return u;
  }
}
