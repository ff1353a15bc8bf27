package dev.retention.metrics;

import dev.retention.data.SurveyKind;
import dev.retention.data.SurveyResponse;
import dev.retention.time.DateRange;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * NPS, CSAT and CES over the survey answers given in a period, overall and per segment. The day of
 * an answer is taken in an explicit zone. See {@link SurveyScores} for the definitions. Immutable
 * and thread-safe (the answers are copied).
 */
public final class SurveyMetrics {
  private final SurveyResponse[] responses;
  private final ZoneId zone;

  private SurveyMetrics(SurveyResponse[] responses, ZoneId zone) {
    this.responses = responses;
    this.zone = zone;
  }

  /**
   * Metrics over answers.
   *
   * @param responses the answers
   * @param zone the zone deciding an answer's day
   * @return the calculator
   */
  public static SurveyMetrics of(Iterable<SurveyResponse> responses, ZoneId zone) {
    Objects.requireNonNull(responses, "responses");
    java.util.List<SurveyResponse> list = new java.util.ArrayList<>();
    for (SurveyResponse r : responses) {
      list.add(Objects.requireNonNull(r, "response"));
    }
    return new SurveyMetrics(
        list.toArray(new SurveyResponse[0]), Objects.requireNonNull(zone, "zone"));
  }

  /**
   * The tallies of one survey kind in a period.
   *
   * @param kind the survey
   * @param period the period
   * @return the tallies (all zero when nobody answered)
   */
  public SurveyScores scores(SurveyKind kind, DateRange period) {
    Map<String, SurveyScores> one = bySegment(kind, period, id -> "all");
    return one.getOrDefault("all", new SurveyScores(kind, 0, 0, 0, 0));
  }

  /**
   * The tallies of one survey kind in a period, per segment.
   *
   * @param kind the survey
   * @param period the period
   * @param segmentOf the segment key of a customer id (e.g. their plan); must not return null
   * @return tallies per segment key, in key order; segments without answers are absent
   */
  public Map<String, SurveyScores> bySegment(
      SurveyKind kind, DateRange period, Function<String, String> segmentOf) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(segmentOf, "segmentOf");
    Map<String, long[]> acc = new TreeMap<>();
    int index = -1;
    for (SurveyResponse r : responses) {
      index++;
      if (r.kind() != kind
          || !period.contains(r.timestamp().atZone(zone).toLocalDate().toEpochDay())) {
        continue;
      }
      String key = segmentOf.apply(r.customerId());
      if (key == null) {
        throw new IllegalArgumentException(
            "segmentOf must return a segment key, returned null for the customer of response "
                + index);
      }
      long[] t = acc.computeIfAbsent(key, k -> new long[4]);
      int s = r.score();
      t[0]++;
      t[1] += s;
      if (kind == SurveyKind.NPS) {
        t[2] += s >= 9 ? 1 : 0;
        t[3] += s <= 6 ? 1 : 0;
      } else if (kind == SurveyKind.CSAT) {
        t[2] += s >= 4 ? 1 : 0;
      }
    }
    Map<String, SurveyScores> out = new TreeMap<>();
    acc.forEach((k, t) -> out.put(k, new SurveyScores(kind, t[0], t[1], t[2], t[3])));
    return out;
  }
}
