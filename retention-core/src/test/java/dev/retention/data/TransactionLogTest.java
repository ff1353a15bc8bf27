package dev.retention.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class TransactionLogTest {
  private static final Currency USD = Currency.getInstance("USD");
  private static final ZoneId NY = ZoneId.of("America/New_York");

  private static Instant at(String s) {
    return Instant.parse(s);
  }

  @Test
  void sortsCustomersLexicographicallyAndRowsByTime() {
    TransactionLog log = TransactionLog.from(List.of(
        Transaction.purchase("o3", "bob", at("2024-03-01T12:00:00Z"), 300, USD),
        Transaction.purchase("o1", "alice", at("2024-02-01T12:00:00Z"), 100, USD),
        Transaction.purchase("o2", "bob", at("2024-01-01T12:00:00Z"), 200, USD),
        Transaction.refund("r1", "bob", at("2024-03-02T12:00:00Z"), 50, USD, "o3")), USD, NY);
    assertEquals(2, log.customerCount());
    assertEquals("alice", log.customerId(0));
    assertEquals("bob", log.customerId(1));
    assertEquals(1, log.indexOf("bob"));
    assertEquals(-1, log.indexOf("carol"));
    assertEquals(0, log.start(0));
    assertEquals(1, log.end(0));
    assertEquals(4, log.end(1));
    assertEquals(200, log.amountMinor(1));
    assertEquals(300, log.amountMinor(2));
    assertEquals(-50, log.amountMinor(3));
    assertTrue(log.isRefund(3));
    assertEquals(3, log.orderCount());
    assertEquals(100 + 200 + 300 - 50, log.netRevenueMinor());
    assertEquals(LocalDate.of(2024, 1, 1), log.date(1));
  }

  @Test
  void calendarDayFollowsTheZone() {
    // 2024-03-10T04:30Z is 23:30 on 03-09 in New York (EST, -5), the night DST starts.
    // 2024-07-01T03:30Z is 23:30 on 06-30 in New York (EDT, -4).
    TransactionLog log = TransactionLog.builder(USD, NY)
        .purchase("a", at("2024-03-10T04:30:00Z"), 1)
        .purchase("a", at("2024-07-01T03:30:00Z"), 1)
        .purchase("a", at("2024-07-01T04:30:00Z"), 1)
        .build();
    assertEquals(LocalDate.of(2024, 3, 9), log.date(0));
    assertEquals(LocalDate.of(2024, 6, 30), log.date(1));
    assertEquals(LocalDate.of(2024, 7, 1), log.date(2));
    TransactionLog utc = TransactionLog.builder(USD, ZoneOffset.UTC)
        .purchase("a", at("2024-03-10T04:30:00Z"), 1).build();
    assertEquals(LocalDate.of(2024, 3, 10), utc.date(0));
  }

  @Test
  void rejectsMixedCurrenciesDuplicatesAndOverRefunds() {
    Currency eur = Currency.getInstance("EUR");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TransactionLog.from(List.of(
            Transaction.purchase("o1", "a", at("2024-01-01T00:00:00Z"), 1, USD),
            Transaction.purchase("o2", "a", at("2024-01-01T00:00:00Z"), 1, eur)), USD, NY));
    assertTrue(e.getMessage().contains("currency must be USD") && e.getMessage().contains("EUR")
        && e.getMessage().contains("row 1"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class,
        () -> TransactionLog.from(List.of(
            Transaction.purchase("o1", "a", at("2024-01-01T00:00:00Z"), 1, USD),
            Transaction.purchase("o1", "a", at("2024-01-02T00:00:00Z"), 1, USD)), USD, NY));
    // the message names the row, not the order id (personal data stays out of logs)
    assertTrue(e.getMessage().contains("orderId must be unique") && e.getMessage().contains("row 1")
        && !e.getMessage().contains("o1"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class,
        () -> TransactionLog.from(List.of(
            Transaction.refund("r1", "a", at("2024-01-03T00:00:00Z"), 60, USD, "o1"),
            Transaction.refund("r2", "a", at("2024-01-04T00:00:00Z"), 50, USD, "o1"),
            Transaction.purchase("o1", "a", at("2024-01-01T00:00:00Z"), 100, USD)), USD, NY));
    assertTrue(e.getMessage().contains("must not exceed its amount 100")
        && e.getMessage().contains("110"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class,
        () -> TransactionLog.from(List.of(
            Transaction.purchase("o1", "a", at("2024-01-01T00:00:00Z"), 100, USD),
            Transaction.refund("r1", "b", at("2024-01-03T00:00:00Z"), 60, USD, "o1")), USD, NY));
    assertTrue(e.getMessage().contains("customerId of a refund"), e.getMessage());

    // a refund of an order outside the log is accepted (the order predates the window)
    TransactionLog ok = TransactionLog.from(List.of(
        Transaction.refund("r1", "a", at("2024-01-03T00:00:00Z"), 60, USD, "o0")), USD, NY);
    assertEquals(-60, ok.netRevenueMinor());

    assertThrows(IllegalArgumentException.class,
        () -> TransactionLog.builder(USD, NY).purchase("a", 0L, -1));
    assertThrows(IllegalArgumentException.class,
        () -> TransactionLog.builder(USD, NY).refund("a", 0L, 0));
    assertThrows(IllegalArgumentException.class,
        () -> TransactionLog.builder(USD, NY).purchase(" ", 0L, 1));
    TransactionLog.Builder b = TransactionLog.builder(USD, NY);
    b.build();
    assertThrows(IllegalStateException.class, b::build);
  }

  @Test
  void mergesLineItemsWhenAsked() {
    List<Transaction> items = List.of(
        Transaction.purchase("o1", "a", at("2024-01-01T10:00:00Z"), 100, USD),
        Transaction.purchase("o1", "a", at("2024-01-01T09:00:00Z"), 250, USD),
        Transaction.purchase("o2", "a", at("2024-01-05T09:00:00Z"), 10, USD));
    TransactionLog log = TransactionLog.builder(USD, NY)
        .duplicateOrders(TransactionLog.DuplicateOrders.MERGE_LINE_ITEMS).addAll(items).build();
    assertEquals(2, log.size());
    assertEquals(350, log.amountMinor(0)); // 100 + 250
    assertEquals(at("2024-01-01T09:00:00Z").getEpochSecond(), log.epochSecond(0)); // earliest
    assertThrows(IllegalArgumentException.class, () -> TransactionLog.builder(USD, NY)
        .duplicateOrders(TransactionLog.DuplicateOrders.MERGE_LINE_ITEMS)
        .add(Transaction.purchase("o1", "a", at("2024-01-01T10:00:00Z"), 100, USD))
        .add(Transaction.purchase("o1", "b", at("2024-01-01T10:00:00Z"), 100, USD)));
  }

  @Test
  void windowAndCombine() {
    TransactionLog log = TransactionLog.builder(USD, ZoneOffset.UTC)
        .purchase("a", LocalDate.of(2024, 1, 1), 1)
        .purchase("a", LocalDate.of(2024, 2, 1), 2)
        .purchase("b", LocalDate.of(2024, 3, 1), 3)
        .build();
    TransactionLog w = log.window(LocalDate.of(2024, 1, 15), LocalDate.of(2024, 3, 1));
    assertEquals(1, w.size());
    assertEquals(1, w.customerCount());
    assertEquals(2, w.amountMinor(0));
    TransactionLog first = log.window(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 15));
    TransactionLog rest = log.window(LocalDate.of(2024, 2, 15), LocalDate.of(2025, 1, 1));
    assertEquals(log, first.combine(rest));
    assertEquals(log, rest.combine(first));
  }

  /** The same transactions in any order build an equal log. */
  @RepeatedTest(20)
  void inputOrderDoesNotMatter(RepetitionInfo info) {
    long seed = 7919L * info.getCurrentRepetition();
    List<Transaction> txs = RandomLogs.transactions(new SplittableRandom(seed), 60, 400);
    TransactionLog reference = TransactionLog.from(txs, USD, NY);
    List<Transaction> shuffled = new ArrayList<>(txs);
    Collections.shuffle(shuffled, new Random(seed));
    TransactionLog again = TransactionLog.from(shuffled, USD, NY);
    assertEquals(reference, again, "seed " + seed);
    assertEquals(reference.hashCode(), again.hashCode(), "seed " + seed);
    // independent check of the layout: rows of each customer ascend in time, ids ascend
    for (int c = 0; c < reference.customerCount(); c++) {
      if (c > 0) {
        assertTrue(reference.customerId(c - 1).compareTo(reference.customerId(c)) < 0, "seed " + seed);
      }
      for (int r = reference.start(c) + 1; r < reference.end(c); r++) {
        assertTrue(reference.epochSecond(r - 1) <= reference.epochSecond(r), "seed " + seed);
      }
    }
    long expectedNet = 0;
    for (Transaction t : txs) {
      expectedNet += t.signedAmountMinor();
    }
    assertEquals(expectedNet, reference.netRevenueMinor(), "seed " + seed);
    assertEquals(txs.size(), reference.size(), "seed " + seed);
  }

  @Test
  void primitiveAndObjectPathsAgree() {
    long seed = 42;
    List<Transaction> txs = RandomLogs.transactions(new SplittableRandom(seed), 50, 300);
    TransactionLog.Builder b = TransactionLog.builder(USD, NY);
    for (Transaction t : txs) {
      if (t.kind() == TransactionKind.PURCHASE) {
        b.purchase(t.customerId(), t.timestamp().getEpochSecond(), t.amountMinor());
      } else {
        b.refund(t.customerId(), t.timestamp().getEpochSecond(), t.amountMinor());
      }
    }
    assertEquals(TransactionLog.from(txs, USD, NY), b.build());
    assertNotEquals(TransactionLog.from(txs, USD, NY), TransactionLog.from(txs, USD, ZoneOffset.UTC));
  }

  /** Numeric ids build the same log as their decimal strings, in lexicographic id order. */
  @RepeatedTest(10)
  void numericIdsEqualTheirDecimalStrings(RepetitionInfo info) {
    long seed = 6_700_417L * info.getCurrentRepetition();
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] pool = {0, 1, 2, 9, 10, 11, 95, 100, 1000, 999, 12345, 1_000_000_000_000L,
        9_500_000_000_000_000L, Long.MAX_VALUE, Long.MAX_VALUE - 1, 9_000_000_000_000_000_000L};
    TransactionLog.Builder strings = TransactionLog.builder(USD, NY);
    TransactionLog.Builder numbers = TransactionLog.builder(USD, NY);
    TransactionLog.Builder mixed = TransactionLog.builder(USD, NY);
    for (int i = 0; i < 3000; i++) {
      long id = rnd.nextInt(4) == 0 ? pool[rnd.nextInt(pool.length)] : rnd.nextLong(1, 1L << rnd.nextInt(1, 63));
      long t = 1_700_000_000L + rnd.nextInt(50_000_000);
      long amount = 1 + rnd.nextInt(5000);
      boolean refund = rnd.nextInt(10) == 0;
      if (refund) {
        strings.refund(Long.toString(id), t, amount);
        numbers.refund(id, t, amount);
      } else {
        strings.purchase(Long.toString(id), t, amount);
        numbers.purchase(id, t, amount);
      }
      if (rnd.nextBoolean()) {
        mixed.purchase(id, t, refund ? 0 : amount);
      } else {
        mixed.purchase(Long.toString(id), t, refund ? 0 : amount);
      }
    }
    TransactionLog expected = strings.build();
    TransactionLog fromNumbers = numbers.build();
    assertEquals(expected, fromNumbers, "seed " + seed);
    assertEquals(fromNumbers, expected, "seed " + seed);
    assertEquals(expected.hashCode(), fromNumbers.hashCode(), "seed " + seed);
    // ids of a numeric log are made on demand: lookups, windows and combining still agree
    for (long id : pool) {
      assertEquals(expected.indexOf(Long.toString(id)), fromNumbers.indexOf(Long.toString(id)),
          "seed " + seed + " id " + id);
    }
    assertEquals(-1, fromNumbers.indexOf("not-a-number"));
    LocalDate from = LocalDate.of(2024, 1, 1);
    LocalDate to = LocalDate.of(2024, 7, 1);
    assertEquals(expected.window(from, to), fromNumbers.window(from, to), "seed " + seed);
    assertEquals(expected.window(from, to).combine(expected.window(to, LocalDate.of(2030, 1, 1))),
        fromNumbers.window(from, to).combine(fromNumbers.window(to, LocalDate.of(2030, 1, 1))),
        "seed " + seed);
    TransactionLog m = mixed.build();
    assertEquals(expected.customerCount(), m.customerCount(), "seed " + seed);
    for (int c = 0; c < m.customerCount(); c++) {
      assertEquals(expected.customerId(c), m.customerId(c), "seed " + seed);
    }
    assertThrows(IllegalArgumentException.class, () -> TransactionLog.builder(USD, NY).purchase(-5L, 0L, 1));
  }

  /** A built log owns its columns: the spent builder refuses rows instead of changing the log. */
  @Test
  void spentBuilderRefusesRows() {
    TransactionLog.Builder numeric = TransactionLog.builder(USD, NY).expectedSize(2);
    numeric.purchase(7L, 1_700_000_000L, 100).purchase(3L, 1_700_000_100L, 200);
    TransactionLog log = numeric.build();
    assertThrows(IllegalStateException.class, () -> numeric.purchase(7L, 1_700_000_000L, 999));
    assertThrows(IllegalStateException.class, () -> numeric.purchase("7", 1_700_000_000L, 999));
    assertThrows(IllegalStateException.class, numeric::build);
    TransactionLog.Builder strings = TransactionLog.builder(USD, NY).expectedSize(1);
    int h = strings.customer("a");
    strings.purchaseByHandle(h, 1_700_000_000L, 5);
    TransactionLog one = strings.build();
    assertThrows(IllegalStateException.class, () -> strings.purchaseByHandle(h, 1L, 1));
    assertThrows(IllegalStateException.class, () -> strings.add(Transaction.purchase(
        "o9", "a", Instant.ofEpochSecond(1), 1, USD)));
    assertEquals(300, log.netRevenueMinor());
    assertEquals("3", log.customerId(0));
    assertEquals(5, one.amountMinor(0));
  }

  /** Rows added by handle equal rows added by id; a foreign handle is refused. */
  @Test
  void handlesEqualIds() {
    TransactionLog.Builder byId = TransactionLog.builder(USD, NY);
    TransactionLog.Builder byHandle = TransactionLog.builder(USD, NY);
    SplittableRandom rnd = new SplittableRandom(99);
    int[] handles = new int[30];
    for (int i = 0; i < handles.length; i++) {
      handles[i] = byHandle.customer("u" + i);
    }
    byHandle.customer("never-bought"); // a handle without rows leaves no customer
    for (int r = 0; r < 500; r++) {
      int c = rnd.nextInt(handles.length);
      long t = 1_700_000_000L + rnd.nextInt(40_000_000);
      long a = 1 + rnd.nextInt(900);
      if (r % 9 == 0) {
        byId.refund("u" + c, t, a);
        byHandle.refundByHandle(handles[c], t, a);
      } else {
        byId.purchase("u" + c, t, a);
        byHandle.purchaseByHandle(handles[c], t, a);
      }
    }
    assertEquals(byId.build(), byHandle.build());
    assertThrows(IllegalArgumentException.class,
        () -> TransactionLog.builder(USD, NY).purchaseByHandle(0, 0L, 1));
  }

  /**
   * Memory: the columns hold 20 bytes per row. Measured as the retained heap of a 2M-row log with
   * 1,000 customers (so the dictionary is negligible), after GC; the bound 24 bytes/row leaves room
   * for measurement noise.
   */
  @Test
  void retainsAboutTwentyBytesPerRow() {
    int rows = 2_000_000;
    TransactionLog.Builder b = TransactionLog.builder(USD, ZoneOffset.UTC).expectedSize(rows);
    String[] ids = new String[1000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "c" + i;
    }
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 0; i < rows; i++) {
      b.purchase(ids[rnd.nextInt(ids.length)], 1_600_000_000L + rnd.nextInt(90_000_000), rnd.nextInt(10_000));
    }
    long before = usedHeapAfterGc();
    TransactionLog log = b.build();
    b = null;
    long after = usedHeapAfterGc();
    double perRow = (after - before) / (double) rows;
    // the builder's arrays (28 bytes/row) are freed; the log's columns are 20 bytes/row
    assertTrue(log.estimatedBytes() / (double) rows < 20.1, "estimate " + log.estimatedBytes());
    assertTrue(perRow < 24.0, "retained " + perRow + " bytes/row");
    assertEquals(rows, log.size());
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
