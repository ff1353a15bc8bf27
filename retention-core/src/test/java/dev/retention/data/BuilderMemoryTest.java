package dev.retention.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.ZoneId;
import java.util.Currency;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The memory contract of {@link TransactionLog.Builder} (issue "Hostile input", case 8), checked
 * by the bytes the building thread allocates (HotSpot's per-thread allocation counter): what a
 * phase allocates bounds what it adds to the peak heap. 200,000 rows keep the test fast; the
 * per-row figures do not depend on the size (checked by hand at 1M and 20M rows: a 20M-row numeric
 * build without presizing now completes with -Xmx1g under G1, and failed before).
 */
class BuilderMemoryTest {
  private static final Currency USD = Currency.getInstance("USD");
  private static final ZoneId NY = ZoneId.of("America/New_York");
  private static final int N = 200_000;

  private static ThreadMXBean allocationCounter() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
    com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) mx;
    assumeTrue(sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled(),
        "per-thread allocation counter disabled");
    return mx;
  }

  private static long allocated(ThreadMXBean mx) {
    return ((com.sun.management.ThreadMXBean) mx).getThreadAllocatedBytes(
        Thread.currentThread().getId());
  }

  /**
   * Numeric ids, ten rows per customer. Appending stores 24 bytes per row (three {@code long}s).
   * Presized, build() adds about 12 bytes per row (a 4-byte key, 4-byte days, the per-customer
   * tables) and takes the builder's columns over. Without presizing the columns grow by chunks,
   * never by copying: at most 36 bytes per row allocated while appending (the last chunk's unused
   * tail is at most half the rows), where growth by 1.5x copying allocated 96; build() then joins
   * the chunks once (24 bytes per row more).
   */
  @Test
  void case8_numericBuilderBytesPerRow() {
    ThreadMXBean mx = allocationCounter();
    for (boolean presized : new boolean[] {true, false}) {
      SplittableRandom rnd = new SplittableRandom(8);
      long[] id = new long[N];
      long[] sec = new long[N];
      long[] amt = new long[N];
      for (int i = 0; i < N; i++) {
        id[i] = rnd.nextInt(N / 10);
        sec[i] = 1_600_000_000L + rnd.nextLong(3L * 365 * 86_400);
        amt[i] = 100 + rnd.nextInt(10_000);
      }
      long a0 = allocated(mx);
      TransactionLog.Builder b = TransactionLog.builder(USD, NY);
      if (presized) {
        b.expectedSize(N);
      }
      for (int i = 0; i < N; i++) {
        b.purchase(id[i], sec[i], amt[i]);
      }
      long a1 = allocated(mx);
      TransactionLog log = b.build();
      long a2 = allocated(mx);
      assertEquals(N, log.size());
      double append = (a1 - a0) / (double) N;
      double build = (a2 - a1) / (double) N;
      String ctx = "presized " + presized + ": append " + append + " B/row, build " + build
          + " B/row";
      if (presized) {
        // 24 bytes of columns; up to 1.5 more for the builder and what the JIT allocates meanwhile
        assertTrue(append <= 25.5 && build <= 14, ctx);
      } else {
        assertTrue(append <= 36 && build <= 14 + 24 + 2, ctx);
      }
    }
  }

  /**
   * Nearly one customer per row with sparse (hashed) numeric ids: build() allocates about 12 bytes
   * per row and at most 75 bytes per distinct customer (hash table, id columns, offsets).
   */
  @Test
  void case8_sparseIdsBytesPerCustomer() {
    ThreadMXBean mx = allocationCounter();
    SplittableRandom rnd = new SplittableRandom(9);
    TransactionLog.Builder b = TransactionLog.builder(USD, NY).expectedSize(N);
    for (int i = 0; i < N; i++) {
      b.purchase(rnd.nextLong(0, Long.MAX_VALUE), 1_600_000_000L + rnd.nextLong(86_400_000L),
          1 + rnd.nextInt(1000));
    }
    long a1 = allocated(mx);
    TransactionLog log = b.build();
    long a2 = allocated(mx);
    double perRow = (a2 - a1) / (double) N;
    double bound = 12 + 75.0 * log.customerCount() / N;
    assertTrue(perRow <= bound, perRow + " B/row > " + bound + " for " + log.customerCount()
        + " customers");
  }
}
