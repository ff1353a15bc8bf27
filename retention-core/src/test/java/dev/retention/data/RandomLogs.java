package dev.retention.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random transaction lists for property tests. */
public final class RandomLogs {
  private static final Currency USD = Currency.getInstance("USD");

  private RandomLogs() {}

  /**
   * Random purchases and refunds: ids "c0".."c{customers-1}", times over two years, ties in time
   * on purpose, about 5 % refunds of earlier orders for at most their amount.
   *
   * @param rnd the generator
   * @param customers the number of distinct customer ids
   * @param rows the number of purchases
   * @return the transactions
   */
  public static List<Transaction> transactions(SplittableRandom rnd, int customers, int rows) {
    List<Transaction> out = new ArrayList<>();
    long base = Instant.parse("2023-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < rows; i++) {
      String c = "c" + rnd.nextInt(customers);
      long t = base + rnd.nextLong(2 * 365 * 86_400L) / 3600 * 3600; // hour grid: ties happen
      long amount = rnd.nextInt(20) == 0 ? 0 : 100 + rnd.nextInt(20_000);
      out.add(Transaction.purchase("o" + i, c, Instant.ofEpochSecond(t), amount, USD));
      if (amount > 1 && rnd.nextInt(20) == 0) {
        out.add(Transaction.refund("r" + i, c, Instant.ofEpochSecond(t + 86_400L * (1 + rnd.nextInt(30))),
            1 + rnd.nextInt((int) amount), USD, "o" + i));
      }
    }
    return out;
  }
}
