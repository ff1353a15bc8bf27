package dev.retention.benchmarks;

import dev.retention.data.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The naive way to get a log "sorted by customer then time": copy the {@link Transaction} objects,
 * sort them with a {@link Comparator} and group them into a map of lists. The baseline of {@link
 * TransactionLogBenchmark}. Allocates a list copy, one map entry and one list per customer.
 */
public final class NaiveLog {
  /** Customer id, then timestamp, then signed amount: the order of a {@code TransactionLog}. */
  public static final Comparator<Transaction> ORDER =
      Comparator.comparing(Transaction::customerId)
          .thenComparing(Transaction::timestamp)
          .thenComparingLong(Transaction::signedAmountMinor);

  private NaiveLog() {}

  /**
   * Sorts and groups.
   *
   * @param transactions the input, not modified
   * @return customer id to that customer's transactions in time order, customers in id order
   */
  public static Map<String, List<Transaction>> sortAndGroup(List<Transaction> transactions) {
    List<Transaction> sorted = new ArrayList<>(transactions);
    sorted.sort(ORDER);
    Map<String, List<Transaction>> byCustomer = new LinkedHashMap<>();
    for (Transaction t : sorted) {
      byCustomer.computeIfAbsent(t.customerId(), k -> new ArrayList<>()).add(t);
    }
    return byCustomer;
  }
}
