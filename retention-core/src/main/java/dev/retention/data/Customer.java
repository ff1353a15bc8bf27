package dev.retention.data;

import com.google.common.collect.ImmutableMap;
import dev.retention.internal.Checks;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer as the backend knows them: an id, the acquisition (sign-up) instant when known, and a
 * small map of attributes (plan, channel, region…) that reports use as segment keys.
 *
 * <p>Immutable and thread-safe; the attribute map is an immutable copy in insertion order.
 *
 * @param id the backend's customer id, not blank
 * @param acquiredAt the sign-up or acquisition instant, or null when unknown
 * @param attributes attribute name to value; names and values not blank
 */
public record Customer(String id, Instant acquiredAt, ImmutableMap<String, String> attributes) {

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the id, an attribute name or an attribute value is blank,
   *     or {@code acquiredAt} is outside {@link dev.retention.time.SupportedRange} (1900 to 2199)
   */
  public Customer {
    Checks.id(id, "id");
    if (acquiredAt != null) {
      Checks.instant(acquiredAt, "acquiredAt", -1);
    }
    Objects.requireNonNull(attributes, "attributes");
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      Checks.id(e.getKey(), "attribute name");
      Checks.id(e.getValue(), "attribute \"" + e.getKey() + "\"");
    }
  }

  /**
   * A customer with no known acquisition instant and no attributes.
   *
   * @param id the customer id
   * @return the customer
   */
  public static Customer of(String id) {
    return new Customer(id, null, ImmutableMap.of());
  }

  /**
   * A customer with attributes.
   *
   * @param id the customer id
   * @param acquiredAt the acquisition instant, or null when unknown
   * @param attributes the attributes (copied)
   * @return the customer
   */
  public static Customer of(String id, Instant acquiredAt, Map<String, String> attributes) {
    return new Customer(id, acquiredAt, ImmutableMap.copyOf(attributes));
  }

  /**
   * The acquisition instant.
   *
   * @return the instant, or empty when unknown
   */
  public Optional<Instant> acquisition() {
    return Optional.ofNullable(acquiredAt);
  }

  /**
   * One attribute.
   *
   * @param name the attribute name
   * @return its value, or empty when the customer has no such attribute
   */
  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }
}
