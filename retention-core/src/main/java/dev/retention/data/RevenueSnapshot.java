package dev.retention.data;

import dev.retention.internal.Checks;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

/**
 * A subscription backend's recurring revenue for one customer in one period (MRR for monthly
 * periods). A customer with no snapshot for a period had no recurring revenue in it; a snapshot of
 * 0 says the same explicitly. Immutable and thread-safe.
 *
 * @param customerId the backend's customer id, not blank
 * @param periodStart the first day of the period the revenue belongs to
 * @param recurringRevenueMinor recurring revenue in minor units, {@code >= 0}
 * @param currency the currency of the amount
 */
public record RevenueSnapshot(
    String customerId, LocalDate periodStart, long recurringRevenueMinor, Currency currency) {

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the id is blank, the period start is outside {@link
   *     dev.retention.time.SupportedRange} (1900-01-01 to 2199-12-31) or the revenue is negative;
   *     the message names the field and value, never the customer id
   */
  public RevenueSnapshot {
    Checks.id(customerId, "customerId");
    Checks.date(periodStart, "periodStart", -1);
    Objects.requireNonNull(currency, "currency");
    if (recurringRevenueMinor < 0) {
      throw new IllegalArgumentException(
          "recurringRevenueMinor must be >= 0, was " + recurringRevenueMinor + " (period "
              + periodStart + ")");
    }
  }

  /**
   * A snapshot.
   *
   * @param customerId the customer id
   * @param periodStart the period's first day
   * @param recurringRevenueMinor the recurring revenue in minor units
   * @param currency the currency
   * @return the snapshot
   */
  public static RevenueSnapshot of(
      String customerId, LocalDate periodStart, long recurringRevenueMinor, Currency currency) {
    return new RevenueSnapshot(customerId, periodStart, recurringRevenueMinor, currency);
  }
}
