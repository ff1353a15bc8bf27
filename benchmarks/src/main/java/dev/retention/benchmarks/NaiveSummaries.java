package dev.retention.benchmarks;

import dev.retention.data.Transaction;
import dev.retention.data.TransactionKind;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The naive customer summary: {@code Collectors.groupingBy} over {@link Transaction} objects, then
 * per customer a {@code TreeMap} of purchase days to spend. Same definitions as {@code
 * CustomerSummaries} with daily purchase periods (see there): x = purchase days − 1, t_x = last −
 * first purchase day, T = asOf − first purchase day (both divided by {@code unitDays}), mean repeat
 * spend = (gross − first day's spend) / x (0 when x = 0), net = purchases − refunds, all restricted
 * to days {@code <= asOf}. The baseline of {@link CustomerSummaryBenchmark}; allocates per
 * transaction (a {@link LocalDate}) and per customer (a list and a map).
 */
public final class NaiveSummaries {
  private NaiveSummaries() {}

  /**
   * One customer's summary.
   *
   * @param x repeat purchase days
   * @param recency t_x in the time unit
   * @param age T in the time unit
   * @param meanRepeatSpendMinor mean spend per repeat purchase day, cents
   * @param orders purchase rows
   * @param netRevenueMinor purchases minus refunds, cents
   */
  public record Row(
      int x, double recency, double age, double meanRepeatSpendMinor, int orders,
      long netRevenueMinor) {}

  /**
   * Summarises transactions.
   *
   * @param transactions the input
   * @param zone the zone deciding calendar days
   * @param asOf the last observed day, inclusive
   * @param unitDays days per time unit (7 for weeks)
   * @param parallel whether to use a parallel stream and {@code groupingByConcurrent}
   * @return customer id to summary, for customers with a purchase up to {@code asOf}
   */
  public static Map<String, Row> summarise(
      List<Transaction> transactions, ZoneId zone, LocalDate asOf, double unitDays,
      boolean parallel) {
    Map<String, List<Transaction>> groups = parallel
        ? transactions.parallelStream()
            .collect(Collectors.groupingByConcurrent(Transaction::customerId))
        : transactions.stream().collect(Collectors.groupingBy(Transaction::customerId));
    return (parallel ? groups.entrySet().parallelStream() : groups.entrySet().stream())
        .map(e -> new AbstractMap.SimpleImmutableEntry<>(
            e.getKey(), one(e.getValue(), zone, asOf, unitDays)))
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static Row one(List<Transaction> ts, ZoneId zone, LocalDate asOf, double unitDays) {
    TreeMap<LocalDate, Long> spendByDay = new TreeMap<>();
    long net = 0;
    int orders = 0;
    for (Transaction t : ts) {
      LocalDate day = t.timestamp().atZone(zone).toLocalDate();
      if (day.isAfter(asOf)) {
        continue;
      }
      net += t.signedAmountMinor();
      if (t.kind() == TransactionKind.PURCHASE) {
        orders++;
        spendByDay.merge(day, t.amountMinor(), Long::sum);
      }
    }
    if (orders == 0) {
      return null;
    }
    LocalDate first = spendByDay.firstKey();
    LocalDate last = spendByDay.lastKey();
    int x = spendByDay.size() - 1;
    long gross = spendByDay.values().stream().mapToLong(Long::longValue).sum();
    double meanRepeat = x == 0 ? 0.0 : (double) (gross - spendByDay.get(first)) / x;
    return new Row(
        x, ChronoUnit.DAYS.between(first, last) / unitDays,
        ChronoUnit.DAYS.between(first, asOf) / unitDays, meanRepeat, orders, net);
  }
}
