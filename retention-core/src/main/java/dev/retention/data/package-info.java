/**
 * Value types at the API edge ({@link dev.retention.data.Transaction}, {@link
 * dev.retention.data.Customer}, {@link dev.retention.data.ActivityEvent}, {@link
 * dev.retention.data.SurveyResponse}, {@link dev.retention.data.RevenueSnapshot}) and the columnar
 * logs built from them ({@link dev.retention.data.TransactionLog}, {@link
 * dev.retention.data.ActivityLog}) that every calculation reads.
 */
package dev.retention.data;
