package dev.retention.metrics;

import dev.retention.data.TransactionLog;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;

/**
 * Small hand-checkable logs for the metrics tests. Period of interest: Q2 2024 = [2024-04-01,
 * 2024-07-01); active window 90 days, so a customer at 2024-04-01 bought in [2024-01-02,
 * 2024-04-01) and a customer at 2024-07-01 bought in [2024-04-02, 2024-07-01).
 */
final class MetricsFixtures {
  static final Currency USD = Currency.getInstance("USD");

  private MetricsFixtures() {}

  /** The example: 10 customers at the start, 2 lost, none new. */
  static TransactionLog tenCustomersTwoLost() {
    TransactionLog.Builder b = TransactionLog.builder(USD, ZoneOffset.UTC);
    for (int i = 0; i < 10; i++) {
      b.purchase("c" + i, LocalDate.of(2024, 3, 1), 1000); // customers at the start
      if (i >= 2) {
        b.purchase("c" + i, LocalDate.of(2024, 5, 1), 2000); // still customers at the end
      }
    }
    return b.build();
  }

  /**
   * A mixed log. At the start (bought in [01-02, 04-01)): r1, r2, r3, lost1, lost2. At the end
   * (bought in [04-02, 07-01)): r1, r2, r3 (retained), new1 (first purchase 05-10), back1
   * (bought in 2023, then 06-01: reactivated), flash (first purchase 04-01 only: joined in the
   * period but not a customer at the end: counted nowhere).
   */
  static TransactionLog mixed() {
    return TransactionLog.builder(USD, ZoneOffset.UTC)
        .purchase("r1", LocalDate.of(2024, 2, 1), 1000)
        .purchase("r1", LocalDate.of(2024, 4, 10), 3000)
        .purchase("r1", LocalDate.of(2024, 5, 10), 1000)
        .purchase("r2", LocalDate.of(2024, 3, 31), 500)
        .purchase("r2", LocalDate.of(2024, 6, 30), 1500)
        .purchase("r3", LocalDate.of(2024, 1, 2), 800)
        .purchase("r3", LocalDate.of(2024, 6, 1), 800)
        .refund("r3", LocalDate.of(2024, 6, 5).atStartOfDay(ZoneOffset.UTC).toEpochSecond(), 300)
        .purchase("lost1", LocalDate.of(2024, 3, 15), 2000)
        .purchase("lost2", LocalDate.of(2024, 1, 20), 100)
        .purchase("new1", LocalDate.of(2024, 5, 10), 4000)
        .purchase("back1", LocalDate.of(2023, 6, 1), 900)
        .purchase("back1", LocalDate.of(2024, 6, 1), 600)
        .purchase("flash", LocalDate.of(2024, 4, 1), 700)
        .build();
  }
}
