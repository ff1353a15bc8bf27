package dev.retention.data;

import dev.retention.internal.Checks;
import dev.retention.time.SupportedRange;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * One order or one refund, as a backend records it: the value type at the API edge.
 *
 * <p>Amounts are exact: a non-negative {@code long} number of minor units (cents for USD, yen for
 * JPY) of a {@link Currency}. The kind gives the sign: a {@link TransactionKind#REFUND} of 500
 * subtracts 5.00 from net revenue (see {@link #signedAmountMinor()}). A purchase of 0 is allowed (a
 * free order still counts as an order); a refund must be positive. A refund names the order it
 * refunds when the backend knows it; {@link TransactionLog} then checks that an order is never
 * refunded for more than it was worth.
 *
 * <p><b>Supported range:</b> the timestamp lies in {@link SupportedRange} (1900-01-01T00:00:00Z to
 * 2199-12-31T23:59:59Z; a time in milliseconds or microseconds read as seconds falls outside it and
 * fails here); a single amount may be any {@code long} of the right sign, and a log bounds the sum
 * of its amounts (see {@link SupportedRange}). Messages name the field and the value, never an
 * order or customer id.
 *
 * <p>Instances are immutable and thread-safe. Create them with {@link #purchase} or {@link #refund}.
 *
 * @param orderId the backend's order (or refund) id; unique within a log
 * @param customerId the backend's customer id
 * @param timestamp when the order was placed or the refund issued
 * @param amountMinor the amount in minor units, {@code >= 0} ({@code > 0} for a refund)
 * @param currency the currency of {@code amountMinor}
 * @param kind purchase or refund
 * @param refundedOrderId for a refund, the id of the refunded order when known; otherwise null
 */
public record Transaction(
    String orderId,
    String customerId,
    Instant timestamp,
    long amountMinor,
    Currency currency,
    TransactionKind kind,
    String refundedOrderId) {

  /**
   * Validates every field.
   *
   * @throws NullPointerException if a required field is null
   * @throws IllegalArgumentException if an id is blank, the timestamp is outside {@link
   *     SupportedRange}, an amount is out of range, or a purchase names a refunded order
   */
  public Transaction {
    Checks.id(orderId, "orderId");
    Checks.id(customerId, "customerId");
    Checks.instant(timestamp, "timestamp", -1);
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(kind, "kind");
    if (kind == TransactionKind.PURCHASE) {
      if (amountMinor < 0) {
        throw new IllegalArgumentException(
            "amountMinor must be >= 0 for a PURCHASE, was " + amountMinor
                + "; record money returned as a REFUND");
      }
      if (refundedOrderId != null) {
        throw new IllegalArgumentException(
            "refundedOrderId must be null for a PURCHASE, was an id");
      }
    } else {
      if (amountMinor <= 0) {
        throw new IllegalArgumentException(
            "amountMinor must be > 0 for a REFUND (the amount returned), was " + amountMinor);
      }
      if (refundedOrderId != null) {
        Checks.id(refundedOrderId, "refundedOrderId");
        if (refundedOrderId.equals(orderId)) {
          throw new IllegalArgumentException(
              "refundedOrderId must differ from orderId, both were the same id");
        }
      }
    }
  }

  /**
   * A purchase.
   *
   * @param orderId the order id
   * @param customerId the customer id
   * @param timestamp when the order was placed
   * @param amountMinor the order value in minor units, {@code >= 0}
   * @param currency the currency
   * @return the purchase
   */
  public static Transaction purchase(
      String orderId, String customerId, Instant timestamp, long amountMinor, Currency currency) {
    return new Transaction(
        orderId, customerId, timestamp, amountMinor, currency, TransactionKind.PURCHASE, null);
  }

  /**
   * A purchase with the currency given as an ISO 4217 code.
   *
   * @param orderId the order id
   * @param customerId the customer id
   * @param timestamp when the order was placed
   * @param amountMinor the order value in minor units, {@code >= 0}
   * @param currencyCode an ISO 4217 code such as "USD"
   * @return the purchase
   * @throws IllegalArgumentException if the currency code is unknown
   */
  public static Transaction purchase(
      String orderId, String customerId, Instant timestamp, long amountMinor, String currencyCode) {
    return purchase(orderId, customerId, timestamp, amountMinor, currency(currencyCode));
  }

  /**
   * A refund.
   *
   * @param orderId the id of this refund
   * @param customerId the customer id
   * @param timestamp when the refund was issued
   * @param amountMinor the amount returned in minor units, {@code > 0}
   * @param currency the currency
   * @param refundedOrderId the refunded order's id, or null when unknown
   * @return the refund
   */
  public static Transaction refund(
      String orderId,
      String customerId,
      Instant timestamp,
      long amountMinor,
      Currency currency,
      String refundedOrderId) {
    return new Transaction(
        orderId, customerId, timestamp, amountMinor, currency, TransactionKind.REFUND,
        refundedOrderId);
  }

  /**
   * The amount with the kind's sign: positive for a purchase, negative for a refund.
   *
   * @return {@code amountMinor} for a purchase, {@code -amountMinor} for a refund
   */
  public long signedAmountMinor() {
    return kind == TransactionKind.REFUND ? -amountMinor : amountMinor;
  }

  /**
   * The refunded order's id.
   *
   * @return the id for a refund that names its order, otherwise empty
   */
  public Optional<String> refundedOrder() {
    return Optional.ofNullable(refundedOrderId);
  }

  /**
   * Looks up an ISO 4217 currency.
   *
   * @param code the currency code
   * @return the currency
   * @throws IllegalArgumentException naming the code if it is not a known ISO 4217 code
   */
  public static Currency currency(String code) {
    Objects.requireNonNull(code, "currencyCode");
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "currencyCode must be a known ISO 4217 code, was \"" + code + "\"", e);
    }
  }
}
