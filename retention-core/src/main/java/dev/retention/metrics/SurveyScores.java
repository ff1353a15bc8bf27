package dev.retention.metrics;

import dev.retention.data.SurveyKind;

/**
 * The tallies of one survey kind over a set of answers, and the scores computed from them.
 * Immutable.
 *
 * <ul>
 *   <li>NPS (Reichheld 2003): promoters answer 9–10, passives 7–8, detractors 0–6; {@code NPS =
 *       100 × (promoters − detractors) / n}, in −100..100. Its 95 % margin of error is {@code 1.96
 *       × 100 × sqrt((p + d − (p − d)²) / n)} with {@code p, d} the promoter and detractor shares
 *       (the variance of a difference of two multinomial shares; Rocks 2016, "Interval estimation
 *       for the Net Promoter Score", The American Statistician 70(4)).
 *   <li>CSAT: the share of answers 4 or 5 on the 1–5 scale (a share in [0, 1], like every other
 *       rate here; {@link Ratio#percent()} gives the usual percentage).
 *   <li>CES: the mean answer on the 1–7 scale.
 * </ul>
 *
 * <p>Every score is a {@link Ratio}; with no answers it is undefined.
 *
 * @param kind the survey
 * @param count the number of answers
 * @param scoreSum the sum of the answers
 * @param high NPS promoters (9–10) or CSAT satisfied answers (4–5); 0 for CES
 * @param low NPS detractors (0–6); 0 otherwise
 */
public record SurveyScores(SurveyKind kind, long count, long scoreSum, long high, long low) {

  /**
   * The Net Promoter Score.
   *
   * @return {@code 100 × (promoters − detractors) / n}
   * @throws IllegalStateException if these are not NPS answers
   */
  public Ratio nps() {
    require(SurveyKind.NPS);
    return Ratio.of(100.0 * (high - low), count);
  }

  /**
   * The 95 % margin of error of {@link #nps()}, in NPS points.
   *
   * @return the half-width, undefined with no answers
   * @throws IllegalStateException if these are not NPS answers
   */
  public Ratio npsMarginOfError95() {
    require(SurveyKind.NPS);
    if (count == 0) {
      return Ratio.of(0, 0);
    }
    double p = (double) high / count;
    double d = (double) low / count;
    double var = (p + d - (p - d) * (p - d)) / count;
    return Ratio.of(1.96 * 100.0 * Math.sqrt(Math.max(0.0, var)), 1);
  }

  /**
   * The CSAT score.
   *
   * @return {@code answers in {4, 5} / n}, a share in [0, 1]
   * @throws IllegalStateException if these are not CSAT answers
   */
  public Ratio csat() {
    require(SurveyKind.CSAT);
    return Ratio.of(high, count);
  }

  /**
   * The customer effort score.
   *
   * @return the mean answer
   * @throws IllegalStateException if these are not CES answers
   */
  public Ratio ces() {
    require(SurveyKind.CES);
    return Ratio.of(scoreSum, count);
  }

  private void require(SurveyKind k) {
    if (kind != k) {
      throw new IllegalStateException("these are " + kind + " answers, not " + k);
    }
  }
}
