package dev.retention.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.segment.RfmScorer.Dimension;
import dev.retention.segment.RfmScorer.Monetary;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RfmScorerTest {
  private static final LocalDate D = LocalDate.of(2024, 3, 31);

  private static RfmInput input(int[] rec, int[] ord, long[] net) {
    String[] ids = new String[rec.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "c" + i;
    }
    return RfmInput.of(D, ids, rec, ord, net);
  }

  @Test
  void quintilesOnTiedValuesByHand() {
    // N = 10, 5 bins, score = 1 + floor(5 * L / 10) = 1 + floor(L / 2).
    // frequency 1,1,1,2,3,5,5,8,9,10: L (strictly smaller) = 0,0,0,3,4,5,5,7,8,9
    //   -> 1,1,1,2,3,3,3,4,5,5
    // recency 0,0,10,20,20,30,40,50,60,100: L (strictly more days) = 8,8,7,5,5,4,3,2,1,0
    //   -> 5,5,4,3,3,3,2,2,1,1
    // monetary 500,100,100,100,700,0,-50,900,300,300: L = 7,2,2,2,8,1,0,9,5,5
    //   -> 4,2,2,2,5,1,1,5,3,3
    RfmInput in = input(
        new int[] {0, 0, 10, 20, 20, 30, 40, 50, 60, 100},
        new int[] {1, 1, 1, 2, 3, 5, 5, 8, 9, 10},
        new long[] {500, 100, 100, 100, 700, 0, -50, 900, 300, 300});
    RfmScores s = RfmScorer.quintiles().score(in);
    int[] r = new int[10];
    int[] f = new int[10];
    int[] m = new int[10];
    for (int i = 0; i < 10; i++) {
      r[i] = s.recency(i);
      f[i] = s.frequency(i);
      m[i] = s.monetary(i);
    }
    assertArrayEquals(new int[] {5, 5, 4, 3, 3, 3, 2, 2, 1, 1}, r);
    assertArrayEquals(new int[] {1, 1, 1, 2, 3, 3, 3, 4, 5, 5}, f);
    assertArrayEquals(new int[] {4, 2, 2, 2, 5, 1, 1, 5, 3, 3}, m);
    assertEquals(5 * 100 + 1 * 10 + 4, s.code(0));
    assertTrue(s.explain(0).startsWith("R=5 (0 days"), s.explain(0));
  }

  @Test
  void meanMonetaryByHand() {
    // net/orders: 300/3=100, 200/2=100, 50/1=50, 600/2=300: equal ratios tie (100 and 100).
    // L = 1,1,0,3 with N=4, 4 bins: score = 1 + floor(4L/4) = 1 + L -> 2,2,1,4
    RfmInput in = input(new int[] {1, 2, 3, 4}, new int[] {3, 2, 1, 2},
        new long[] {300, 200, 50, 600});
    RfmScores s = RfmScorer.quantiles(4).withMonetary(Monetary.MEAN).score(in);
    assertEquals(2, s.monetary(0));
    assertEquals(2, s.monetary(1));
    assertEquals(1, s.monetary(2));
    assertEquals(4, s.monetary(3));
  }

  @Test
  void callerBreaksByHand() {
    // recency breaks 30, 90, 180, 365 days: < 30 -> 5, [30, 90) -> 4, [90,180) -> 3,
    // [180, 365) -> 2, >= 365 -> 1.  frequency breaks 2, 5: 1 -> 1, 2..4 -> 2, >= 5 -> 3.
    // monetary breaks 10000 (minor units): < 10000 -> 1, >= 10000 -> 2.
    RfmScorer sc = RfmScorer.quintiles()
        .withBreaks(Dimension.RECENCY, 30, 90, 180, 365)
        .withBreaks(Dimension.FREQUENCY, 2, 5)
        .withBreaks(Dimension.MONETARY, 10_000);
    RfmInput in = input(new int[] {0, 29, 30, 89, 90, 364, 365, 1000},
        new int[] {1, 2, 4, 5, 6, 1, 1, 1},
        new long[] {9_999, 10_000, 0, 50_000, 1, 1, 1, 1});
    RfmScores s = sc.score(in);
    int[] r = new int[8];
    int[] f = new int[8];
    int[] m = new int[8];
    for (int i = 0; i < 8; i++) {
      r[i] = s.recency(i);
      f[i] = s.frequency(i);
      m[i] = s.monetary(i);
    }
    assertArrayEquals(new int[] {5, 5, 4, 4, 3, 2, 1, 1}, r);
    assertArrayEquals(new int[] {1, 2, 2, 3, 3, 1, 1, 1}, f);
    assertArrayEquals(new int[] {1, 2, 1, 2, 1, 1, 1, 1}, m);
    assertEquals(3, sc.bins(Dimension.FREQUENCY));
  }

  @Test
  void prospectsScoreZeroAndStayOutOfTheQuantiles() {
    // two buyers: 1 and 3 orders; N=2, 5 bins: L = 0, 1 -> 1, 1 + floor(5/2) = 3.
    // The prospect does not count in N.
    RfmInput in = input(new int[] {5, RfmInput.NO_PURCHASE, 2}, new int[] {1, 0, 3},
        new long[] {10, -20, 30});
    RfmScores s = RfmScorer.quintiles().score(in);
    assertEquals(0, s.code(1));
    assertEquals(1, s.frequency(0));
    assertEquals(3, s.frequency(2));
    assertEquals(1, in.prospectCount());
  }

  @Test
  void badConfigurationAndInputAreRejectedWithTheField() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RfmScorer.quantiles(10));
    assertTrue(e.getMessage().contains("n must be in [2, 9], was 10"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> RfmScorer.quintiles().withBreaks(Dimension.RECENCY, 5, 5));
    assertTrue(e.getMessage().contains("strictly ascending"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> input(new int[] {-3}, new int[] {1}, new long[] {1}));
    assertTrue(e.getMessage().contains("recencyDays must be >= 0 when orders > 0, was -3 (row 0)"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> RfmInput.of(D, new String[] {"a", "a"}, new int[] {1, 1}, new int[] {1, 1},
            new long[] {1, 1}));
    assertTrue(e.getMessage().contains("ids must be unique"), e.getMessage());
  }

  /** Independent O(N^2) computation of score = 1 + floor(n * L / N). */
  static int[][] bruteForce(RfmInput in, int bins, Monetary mon) {
    int size = in.size();
    int n = size - in.prospectCount();
    int[][] out = new int[3][size];
    for (int i = 0; i < size; i++) {
      if (in.isProspect(i)) {
        continue;
      }
      long lr = 0;
      long lf = 0;
      long lm = 0;
      double mi = mon == Monetary.TOTAL ? in.netRevenueMinor(i)
          : (double) in.netRevenueMinor(i) / in.orders(i);
      for (int j = 0; j < size; j++) {
        if (in.isProspect(j)) {
          continue;
        }
        if (in.recencyDays(j) > in.recencyDays(i)) {
          lr++;
        }
        if (in.orders(j) < in.orders(i)) {
          lf++;
        }
        double mj = mon == Monetary.TOTAL ? in.netRevenueMinor(j)
            : (double) in.netRevenueMinor(j) / in.orders(j);
        if (mj < mi) {
          lm++;
        }
      }
      out[0][i] = (int) (1 + bins * lr / n);
      out[1][i] = (int) (1 + bins * lf / n);
      out[2][i] = (int) (1 + bins * lm / n);
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void quantileScoresMatchBruteForce(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 7919);
    int n = 1 + rnd.nextInt(700);
    int bins = 2 + rnd.nextInt(8);
    Monetary mon = rnd.nextBoolean() ? Monetary.TOTAL : Monetary.MEAN;
    RfmInput in = SegmentFixtures.randomInput(seed, n, seed % 2 == 0);
    RfmScores s = RfmScorer.quantiles(bins).withMonetary(mon).score(in);
    int[][] want = bruteForce(in, bins, mon);
    for (int i = 0; i < in.size(); i++) {
      String msg = "seed " + seed + " row " + i + " bins " + bins + " " + mon;
      assertEquals(want[0][i], s.recency(i), msg);
      assertEquals(want[1][i], s.frequency(i), msg);
      assertEquals(want[2][i], s.monetary(i), msg);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23, 24, 25, 26, 27, 28})
  void scoresAreMonotoneInTheirInputs(long seed) {
    RfmInput in = SegmentFixtures.randomInput(seed, 3000, true);
    RfmScores s = RfmScorer.quintiles().score(in);
    for (int i = 0; i < in.size(); i++) {
      if (in.isProspect(i)) {
        continue;
      }
      for (int k = 0; k < 40; k++) {
        int j = (int) ((i * 31L + k * 977L) % in.size());
        if (in.isProspect(j)) {
          continue;
        }
        String msg = "seed " + seed + " rows " + i + "," + j;
        if (in.recencyDays(i) < in.recencyDays(j)) {
          assertTrue(s.recency(i) >= s.recency(j), "more recent scored lower R, " + msg);
        }
        if (in.recencyDays(i) == in.recencyDays(j)) {
          assertEquals(s.recency(i), s.recency(j), "tie split, " + msg);
        }
        if (in.orders(i) > in.orders(j)) {
          assertTrue(s.frequency(i) >= s.frequency(j), "more orders scored lower F, " + msg);
        }
        if (in.netRevenueMinor(i) > in.netRevenueMinor(j)) {
          assertTrue(s.monetary(i) >= s.monetary(j), "more spend scored lower M, " + msg);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {31, 32, 33, 34, 35, 36})
  void permutingCustomersChangesNoScoreOrLabel(long seed) {
    RfmInput in = SegmentFixtures.randomInput(seed, 2000, true);
    int n = in.size();
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    String[] ids = new String[n];
    int[] rec = new int[n];
    int[] ord = new int[n];
    long[] net = new long[n];
    for (int i = 0; i < n; i++) {
      int p = perm[i];
      ids[i] = in.customerId(p);
      rec[i] = in.recencyDays(p);
      ord[i] = in.orders(p);
      net[i] = in.netRevenueMinor(p);
    }
    RfmInput shuffled = RfmInput.of(in.asOf(), ids, rec, ord, net);
    RfmScorer sc = RfmScorer.quintiles();
    Segmentation a = RfmSegmentTable.rPackage().assign(sc.score(in));
    Segmentation b = RfmSegmentTable.rPackage().assign(sc.score(shuffled));
    Segmentation ga = RfmSegmentTable.recencyFmGrid().assign(sc.score(in));
    Segmentation gb = RfmSegmentTable.recencyFmGrid().assign(sc.score(shuffled));
    RfmScores qa = RfmScorer.quantiles(4).withMonetary(Monetary.MEAN).score(in);
    RfmScores qb = RfmScorer.quantiles(4).withMonetary(Monetary.MEAN).score(shuffled);
    for (int i = 0; i < n; i++) {
      int p = perm[i];
      String msg = "seed " + seed + " id " + ids[i];
      assertEquals(a.segment(p), b.segment(i), msg);
      assertEquals(ga.segment(p), gb.segment(i), msg);
      assertEquals(qa.code(p), qb.code(i), msg);
    }
  }
}
