package dev.retention.metrics;

import dev.retention.time.Granularity;
import java.util.Objects;

/**
 * Who counts as a loyal customer at the end of a period. Two rules are offered:
 *
 * <ul>
 *   <li>{@link #minOrders(int)}: at least {@code n} orders (purchase rows) from the start of the log
 *       up to the end of the period; the default rule is {@code minOrders(3)};
 *   <li>{@link #activeInEachOf(int, Granularity)}: at least one purchase in each of the last
 *       {@code k} calendar periods of a granularity, the last one being the period that contains
 *       the day before the period's end (e.g. every one of the last 3 months).
 * </ul>
 *
 * Immutable and thread-safe.
 *
 * @param minOrders the order threshold, or 0 when the rule is periodic
 * @param periods the number of consecutive active periods, or 0 when the rule counts orders
 * @param granularity the period length of a periodic rule, or null
 */
public record LoyaltyRule(int minOrders, int periods, Granularity granularity) {

  /**
   * Validates the rule.
   *
   * @throws IllegalArgumentException if neither or both kinds are configured
   */
  public LoyaltyRule {
    if ((minOrders > 0) == (periods > 0) || minOrders < 0 || periods < 0) {
      throw new IllegalArgumentException(
          "exactly one of minOrders and periods must be > 0, were " + minOrders + " and " + periods);
    }
    if (periods > 0) {
      Objects.requireNonNull(granularity, "granularity");
    }
  }

  /**
   * Loyal: at least {@code n} orders to date.
   *
   * @param n the threshold, at least 1
   * @return the rule
   */
  public static LoyaltyRule minOrders(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("minOrders must be >= 1, was " + n);
    }
    return new LoyaltyRule(n, 0, null);
  }

  /**
   * Loyal: a purchase in each of the last {@code k} periods.
   *
   * @param k the number of periods, at least 1
   * @param granularity the period length
   * @return the rule
   */
  public static LoyaltyRule activeInEachOf(int k, Granularity granularity) {
    if (k < 1) {
      throw new IllegalArgumentException("periods must be >= 1, was " + k);
    }
    return new LoyaltyRule(0, k, granularity);
  }

  /**
   * The default rule: at least 3 orders to date.
   *
   * @return {@code minOrders(3)}
   */
  public static LoyaltyRule defaultRule() {
    return minOrders(3);
  }
}
