package dev.retention.data;

import dev.retention.internal.Checks;
import java.time.Instant;
import java.util.Objects;

/**
 * One answer to an NPS, CSAT or CES survey. Immutable and thread-safe.
 *
 * @param customerId the backend's customer id, not blank
 * @param timestamp when the answer was given
 * @param kind which survey
 * @param score the answer, within {@code [kind.min(), kind.max()]}
 */
public record SurveyResponse(String customerId, Instant timestamp, SurveyKind kind, int score) {

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the id is blank, the timestamp is outside {@link
   *     dev.retention.time.SupportedRange} (1900 to 2199) or the score is outside the kind's
   *     scale; the message names the field and value, never the customer id
   */
  public SurveyResponse {
    Checks.id(customerId, "customerId");
    Checks.instant(timestamp, "timestamp", -1);
    Objects.requireNonNull(kind, "kind");
    if (score < kind.min() || score > kind.max()) {
      throw new IllegalArgumentException(
          "score must be in [" + kind.min() + ", " + kind.max() + "] for " + kind + ", was "
              + score);
    }
  }

  /**
   * An answer.
   *
   * @param customerId the customer id
   * @param timestamp when it was given
   * @param kind the survey
   * @param score the score
   * @return the answer
   */
  public static SurveyResponse of(String customerId, Instant timestamp, SurveyKind kind, int score) {
    return new SurveyResponse(customerId, timestamp, kind, score);
  }
}
