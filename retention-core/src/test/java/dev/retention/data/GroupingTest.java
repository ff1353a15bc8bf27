package dev.retention.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/** The dictionary sort agrees with {@link Arrays#sort(Object[])} on adversarial names. */
class GroupingTest {
  private static final char[] ALPHABET = {
    'a', 'b', 'z', '0', '9', '-', '\u0000', '\u00fe', '\u00ff', '\u0100', '\u4e2d', '\ud83d',
    '\ude00', '\uffff'
  };

  @RepeatedTest(30)
  void sortedNamesMatchesStringCompareTo(RepetitionInfo info) {
    long seed = 31_337L * info.getCurrentRepetition();
    SplittableRandom rnd = new SplittableRandom(seed);
    int count = 1 + rnd.nextInt(info.getCurrentRepetition() % 3 == 0 ? 20_000 : 300);
    // shared prefixes of 0..20 characters make long runs of equal keys at several depths
    String[] prefixes = new String[1 + rnd.nextInt(4)];
    for (int p = 0; p < prefixes.length; p++) {
      prefixes[p] = random(rnd, rnd.nextInt(21), rnd.nextBoolean());
    }
    Set<String> distinct = new LinkedHashSet<>();
    while (distinct.size() < count) {
      String p = prefixes[rnd.nextInt(prefixes.length)];
      distinct.add(p + random(rnd, rnd.nextInt(12), rnd.nextInt(4) == 0));
    }
    IdTable table = new IdTable();
    for (String s : distinct) {
      table.intern(s);
    }
    int[] rank = new int[table.size()];
    String[] sorted = Grouping.sortedNames(table, rank);
    String[] expected = distinct.toArray(new String[0]);
    Arrays.sort(expected);
    assertArrayEquals(expected, sorted, "seed " + seed);
    for (int i = 0; i < table.size(); i++) {
      assertEquals(table.key(i), sorted[rank[i]], "seed " + seed);
    }
  }

  private static String random(SplittableRandom rnd, int length, boolean exotic) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(exotic ? ALPHABET[rnd.nextInt(ALPHABET.length)] : (char) ('0' + rnd.nextInt(3)));
    }
    return sb.toString();
  }
}
