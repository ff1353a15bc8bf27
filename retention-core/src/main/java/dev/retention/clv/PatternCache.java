package dev.retention.clv;

import java.util.Arrays;

/**
 * A primitive open-addressing hash map from a (frequency, time) pair to a slot of {@code width}
 * doubles, used inside one scoring task to evaluate the expensive, history-shared parts of a
 * prediction (hypergeometric terms depend on (x, T) only, not on t_x) once per distinct pair.
 * Real summaries come from day-granular logs, so a million customers share a few tens of
 * thousands of (x, T) pairs. Not thread-safe: one per fork/join leaf. Grows by doubling; stops
 * admitting new pairs beyond {@code 1 << 22} (then callers compute directly).
 */
final class PatternCache {
  private static final int MAX_CAPACITY = 1 << 22;
  private final int width;
  private int[] keyX;
  private long[] keyT;
  private int[] slotOf;
  private double[] values;
  private int mask;
  private int size;

  PatternCache(int width, int expected) {
    this.width = width;
    int cap = Integer.highestOneBit(Math.max(16, Math.min(MAX_CAPACITY, expected) * 2 - 1)) << 1;
    allocate(cap);
  }

  private void allocate(int cap) {
    keyX = new int[cap];
    keyT = new long[cap];
    slotOf = new int[cap];
    Arrays.fill(slotOf, -1);
    mask = cap - 1;
    if (values == null) {
      values = new double[(cap >> 1) * width];
    } else {
      values = Arrays.copyOf(values, (cap >> 1) * width);
    }
  }

  private static int hash(int x, long t) {
    long h = t * 0x9E3779B97F4A7C15L + x * 0xC2B2AE3D27D4EB4FL;
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    return (int) (h ^ (h >>> 29));
  }

  /**
   * The slot of (x, t): {@code >= 0} if present; {@code -(slot + 1)} if just added (the caller
   * must fill {@link #values()} at {@code slot * width}); {@link Integer#MIN_VALUE} when full.
   */
  int lookup(int x, double t) {
    long tb = Double.doubleToRawLongBits(t + 0.0);
    int i = hash(x, tb) & mask;
    while (true) {
      int s = slotOf[i];
      if (s < 0) {
        break;
      }
      if (keyX[i] == x && keyT[i] == tb) {
        return s;
      }
      i = (i + 1) & mask;
    }
    if (size >= (mask + 1) >> 1) {
      if (mask + 1 >= MAX_CAPACITY) {
        return Integer.MIN_VALUE;
      }
      grow();
      return lookup(x, t);
    }
    keyX[i] = x;
    keyT[i] = tb;
    slotOf[i] = size;
    return -(size++ + 1);
  }

  private void grow() {
    int[] ox = keyX;
    long[] ot = keyT;
    int[] os = slotOf;
    allocate((mask + 1) << 1);
    for (int j = 0; j < os.length; j++) {
      if (os[j] >= 0) {
        int i = hash(ox[j], ot[j]) & mask;
        while (slotOf[i] >= 0) {
          i = (i + 1) & mask;
        }
        keyX[i] = ox[j];
        keyT[i] = ot[j];
        slotOf[i] = os[j];
      }
    }
  }

  /** The value store: slot s occupies [s * width, (s + 1) * width). Re-read after lookup. */
  double[] values() {
    return values;
  }
}
