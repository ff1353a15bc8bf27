package dev.retention.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.data.Customer;
import dev.retention.data.Transaction;
import dev.retention.data.TransactionKind;
import dev.retention.data.TransactionLog;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The built-in store generator: deterministic for a seed and shaped as its javadoc says. */
class StoreSimulatorTest {

  @Test
  void sameSeedGivesTheSameStore() {
    StoreSimulator.Store a = StoreSimulator.withSeed(7).withCustomers(500).simulate();
    StoreSimulator.Store b = StoreSimulator.withSeed(7).withCustomers(500).simulate();
    assertEquals(a, b, "seed 7");
    StoreSimulator.Store c = StoreSimulator.withSeed(8).withCustomers(500).simulate();
    assertNotEquals(a.transactions(), c.transactions(), "seeds 7 and 8");
  }

  @Test
  void storeIsAValidLogWithRefundsAndGrowingAcquisition() {
    long seed = RetentionReport.DEFAULT_SEED;
    StoreSimulator.Store s = StoreSimulator.withSeed(seed).simulate();
    // TransactionLog.from checks currencies, unique order ids, refunds naming a purchase of the
    // same customer and never exceeding it.
    TransactionLog log = TransactionLog.from(s.transactions(), s.currency(), s.zone());
    long refunds = s.transactions().stream().filter(t -> t.kind() == TransactionKind.REFUND)
        .count();
    long orders = log.orderCount();
    // 3 % of orders are refunded, less those falling after the end: with ~35k orders the binomial
    // sd is ~0.1 percentage points, so [2 %, 4 %] is a wide band.
    double share = (double) refunds / orders;
    assertTrue(share > 0.02 && share < 0.04, "refund share " + share + ", seed " + seed);
    for (Transaction t : s.transactions()) {
      assertTrue(t.kind() == TransactionKind.PURCHASE || t.refundedOrderId() != null,
          "refund names its order, seed " + seed);
    }
    // Join times span^(-2) t^2 CDF: P(first third) = 1/9, P(last third) = 1 - 4/9 = 5/9. With
    // 8,000 customers the sds are ~28 and ~44 customers; the bands are > 5 sd wide.
    Instant t0 = s.firstDay().atStartOfDay(s.zone()).toInstant();
    Instant t1 = s.lastDay().plusDays(1).atStartOfDay(s.zone()).toInstant();
    long third = (t1.getEpochSecond() - t0.getEpochSecond()) / 3;
    long early = 0;
    long late = 0;
    for (Customer c : s.customers()) {
      long at = c.acquisition().orElseThrow().getEpochSecond() - t0.getEpochSecond();
      early += at < third ? 1 : 0;
      late += at >= 2 * third ? 1 : 0;
    }
    assertEquals(8000.0 / 9, early, 170, "early joiners, seed " + seed);
    assertEquals(8000.0 * 5 / 9, late, 250, "late joiners, seed " + seed);
    // Heavy-tailed order counts: the busiest 10 % of customers place well over 10 % of orders.
    int[] perCustomer = new int[log.customerCount()];
    for (int c = 0; c < log.customerCount(); c++) {
      for (int r = log.start(c); r < log.end(c); r++) {
        perCustomer[c] += log.isRefund(r) ? 0 : 1;
      }
    }
    java.util.Arrays.sort(perCustomer);
    long top = 0;
    for (int i = perCustomer.length * 9 / 10; i < perCustomer.length; i++) {
      top += perCustomer[i];
    }
    assertTrue(top > 0.3 * orders, "top-decile order share " + top + "/" + orders);
    assertEquals(LocalDate.of(2026, 2, 14), s.lastDay());
  }

  @ParameterizedTest(name = "Gamma({0}, {1})")
  @CsvSource({"0.8, 5.0", "3.0, 2.0", "4.0, 1200.0"})
  void gammaSamplerHasTheGammaMeanAndVariance(double shape, double scale) {
    long seed = 12345L;
    SplittableRandom r = new SplittableRandom(seed);
    int n = 200_000;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      double x = StoreSimulator.gamma(r, shape, scale);
      sum += x;
      sumSq += x * x;
    }
    double mean = sum / n;
    double var = sumSq / n - mean * mean;
    // Gamma(k, s): mean k s, variance k s^2. The mean's standard error is sqrt(k) s / sqrt(n);
    // allow 6 of them. The sample variance is checked to 5 % (its relative sd here is < 1 %).
    double se = Math.sqrt(shape) * scale / Math.sqrt(n);
    assertEquals(shape * scale, mean, 6 * se, "mean, seed " + seed);
    assertEquals(shape * scale * scale, var, 0.05 * shape * scale * scale,
        "variance, seed " + seed);
  }
}
