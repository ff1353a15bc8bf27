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
   * @throws IllegalArgumentException if the id is blank or the revenue is negative
   */
  public RevenueSnapshot {
    Checks.id(customerId, "customerId");
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(currency, "currency");
    if (recurringRevenueMinor < 0) {
      throw new IllegalArgumentException(
          "recurringRevenueMinor must be >= 0, was " + recurringRevenueMinor + " (customer "
              + customerId + ", period " + periodStart + ")");
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
