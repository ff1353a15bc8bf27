package dev.retention.data;

import dev.retention.internal.Checks;
import java.time.Instant;
import java.util.Objects;

/**
 * Activity that is not a purchase: a login, a booking, use of a feature. Used for product-usage
 * retention and for "critical event" definitions of an active customer (only bookings count,
 * browsing does not).
 *
 * <p>Immutable and thread-safe.
 *
 * @param customerId the backend's customer id, not blank
 * @param timestamp when it happened
 * @param type an event type of the backend's choosing, e.g. "login", "booking",
 *     "feature:reports"; not blank, compared exactly (case-sensitive)
 */
public record ActivityEvent(String customerId, Instant timestamp, String type) {

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the customer id or the type is blank, or the timestamp is
   *     outside {@link dev.retention.time.SupportedRange} (1900 to 2199)
   */
  public ActivityEvent {
    Checks.id(customerId, "customerId");
    Checks.instant(timestamp, "timestamp", -1);
    Checks.id(type, "type");
  }

  /**
   * An event.
   *
   * @param customerId the customer id
   * @param timestamp when it happened
   * @param type the event type
   * @return the event
   */
  public static ActivityEvent of(String customerId, Instant timestamp, String type) {
    return new ActivityEvent(customerId, timestamp, type);
  }
}
