/**
 * Value types at the API edge ({@link dev.retention.data.Transaction}, {@link
 * dev.retention.data.Customer}, {@link dev.retention.data.ActivityEvent}, {@link
 * dev.retention.data.SurveyResponse}, {@link dev.retention.data.RevenueSnapshot}) and the columnar
 * logs built from them ({@link dev.retention.data.TransactionLog}, {@link
 * dev.retention.data.ActivityLog}) that every calculation reads.
 *
 * <p>The supported input (instants 1900 to 2199, the bound on a log's money sum, sizes) and the
 * memory per row are stated on {@link dev.retention.data.TransactionLog} and {@link
 * dev.retention.time.SupportedRange}; the value types check their instants and dates in their
 * constructors, and the log builders check every row in the append call. No exception message
 * carries a customer or order id: messages name the field and the row (the 0-based index of the
 * call), or the customer's index in a log.
 */
package dev.retention.data;
