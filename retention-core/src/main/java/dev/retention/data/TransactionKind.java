package dev.retention.data;

/** Whether a transaction adds revenue (a purchase) or takes it back (a refund). */
public enum TransactionKind {
  /** A completed order; counts as an order and adds its amount to revenue. */
  PURCHASE,
  /**
   * Money returned to the customer; subtracts its amount from net revenue and is never counted as an
   * order or a purchase period.
   */
  REFUND
}
