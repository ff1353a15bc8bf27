package dev.retention.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QuantilesTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void orderStatisticsEqualThoseOfAFullSort(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = 1 + rnd.nextInt(200_000);
    int distinct = 1 + rnd.nextInt(seed % 2 == 0 ? 5 : 1_000_000);
    double[] d = new double[n];
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextInt(distinct) - (seed % 3 == 0 ? distinct / 2 : 0);
      d[i] = v[i] * 0.5;
    }
    int bins = 2 + rnd.nextInt(8);
    int[] ranks = Quantiles.cutRanks(bins, n);
    double[] sortedD = d.clone();
    Arrays.sort(sortedD);
    int[] sortedV = v.clone();
    Arrays.sort(sortedV);
    double[] gotD = Quantiles.doubleOrderStats(d.clone(), ranks);
    int[] gotV = Quantiles.intOrderStats(v, n, ranks);
    for (int k = 0; k < ranks.length; k++) {
      String msg = "seed " + seed + " n " + n + " rank " + ranks[k];
      assertEquals(sortedD[ranks[k]], gotD[k], 0.0, msg);
      assertEquals(sortedV[ranks[k]], gotV[k], msg);
    }
  }

  @Test
  void cutRanksByHand() {
    // N = 10, 5 bins: m_k = ceil(2k) = 2, 4, 6, 8 -> ranks 1, 3, 5, 7
    assertEquals("[1, 3, 5, 7]", Arrays.toString(Quantiles.cutRanks(5, 10)));
    // N = 7, 4 bins: m_k = ceil(7k/4) = 2, 4, 6 -> ranks 1, 3, 5
    assertEquals("[1, 3, 5]", Arrays.toString(Quantiles.cutRanks(4, 7)));
  }

  @Test
  void emptyAndAllProspectInputsScoreNothing() {
    RfmInput empty = RfmInput.of(LocalDate.of(2024, 1, 1), new String[0], new int[0],
        new int[0], new long[0]);
    assertEquals(0, RfmScorer.quintiles().score(empty).size());
    RfmInput prospects = RfmInput.of(LocalDate.of(2024, 1, 1), new String[] {"a", "b"},
        new int[] {-1, -1}, new int[] {0, 0}, new long[] {0, -5});
    Segmentation s = RfmSegmentTable.rPackage().assign(RfmScorer.quintiles().score(prospects));
    assertEquals(2, s.count("Prospects"));
  }
}
