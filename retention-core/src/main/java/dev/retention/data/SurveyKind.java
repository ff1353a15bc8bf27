package dev.retention.data;

/**
 * The standard customer-satisfaction surveys and their score scales.
 *
 * <ul>
 *   <li>{@link #NPS}: Net Promoter Score question "How likely are you to recommend us?", 0..10
 *       (Reichheld 2003, "The One Number You Need to Grow", HBR);
 *   <li>{@link #CSAT}: customer satisfaction, 1 (very unsatisfied) .. 5 (very satisfied);
 *   <li>{@link #CES}: customer effort score, 1 (very difficult) .. 7 (very easy), the 7-point
 *       "CES 2.0" scale (Dixon, Freeman &amp; Toman 2010, "Stop Trying to Delight Your Customers",
 *       HBR).
 * </ul>
 */
public enum SurveyKind {
  /** Net Promoter Score answer, 0..10. */
  NPS(0, 10),
  /** Customer satisfaction answer, 1..5. */
  CSAT(1, 5),
  /** Customer effort score answer, 1..7. */
  CES(1, 7);

  private final int min;
  private final int max;

  SurveyKind(int min, int max) {
    this.min = min;
    this.max = max;
  }

  /**
   * The lowest valid score.
   *
   * @return 0 for NPS, 1 otherwise
   */
  public int min() {
    return min;
  }

  /**
   * The highest valid score.
   *
   * @return 10 for NPS, 5 for CSAT, 7 for CES
   */
  public int max() {
    return max;
  }
}
