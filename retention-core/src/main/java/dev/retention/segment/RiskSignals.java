package dev.retention.segment;

import dev.retention.internal.Checks;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The churn-risk signals a caller supplies for one customer; every signal is optional. Immutable
 * value type: start with {@link #of(String)} and add signals with {@code withX} copies.
 *
 * <ul>
 *   <li>days inactive (since the last use or purchase, as the caller defines it), {@code >= 0};
 *   <li>open non-critical issues (support tickets), {@code >= 0};
 *   <li>serious complaints, {@code >= 0};
 *   <li>latest NPS answer {@code 0..10}; latest CSAT answer {@code 1..5};
 *   <li>P(alive) from a fitted model, in {@code [0, 1]}.
 * </ul>
 */
public final class RiskSignals {
  private static final int ABSENT = -1;

  private final String customerId;
  private final int daysInactive;
  private final int openIssues;
  private final int seriousComplaints;
  private final int nps;
  private final int csat;
  private final double pAlive;
  private final boolean hasPAlive;

  private RiskSignals(
      String customerId, int daysInactive, int openIssues, int seriousComplaints, int nps,
      int csat, double pAlive, boolean hasPAlive) {
    this.customerId = customerId;
    this.daysInactive = daysInactive;
    this.openIssues = openIssues;
    this.seriousComplaints = seriousComplaints;
    this.nps = nps;
    this.csat = csat;
    this.pAlive = pAlive;
    this.hasPAlive = hasPAlive;
  }

  /**
   * A customer without any signal yet (assessed GREEN).
   *
   * @param customerId the id, not blank
   * @return the signals
   */
  public static RiskSignals of(String customerId) {
    return new RiskSignals(Checks.id(customerId, "customerId"), ABSENT, ABSENT, ABSENT, ABSENT,
        ABSENT, 0, false);
  }

  /**
   * With days inactive.
   *
   * @param days days since last use, {@code >= 0}
   * @return a copy
   */
  public RiskSignals withDaysInactive(int days) {
    Checks.nonNegative(days, "daysInactive");
    return new RiskSignals(customerId, days, openIssues, seriousComplaints, nps, csat, pAlive,
        hasPAlive);
  }

  /**
   * With open non-critical issues.
   *
   * @param n the count, {@code >= 0}
   * @return a copy
   */
  public RiskSignals withOpenIssues(int n) {
    Checks.nonNegative(n, "openIssues");
    return new RiskSignals(customerId, daysInactive, n, seriousComplaints, nps, csat, pAlive,
        hasPAlive);
  }

  /**
   * With serious complaints.
   *
   * @param n the count, {@code >= 0}
   * @return a copy
   */
  public RiskSignals withSeriousComplaints(int n) {
    Checks.nonNegative(n, "seriousComplaints");
    return new RiskSignals(customerId, daysInactive, openIssues, n, nps, csat, pAlive,
        hasPAlive);
  }

  /**
   * With the latest NPS answer.
   *
   * @param score {@code 0..10}
   * @return a copy
   */
  public RiskSignals withNps(int score) {
    if (score < 0 || score > 10) {
      throw new IllegalArgumentException("nps must be in [0, 10], was " + score);
    }
    return new RiskSignals(customerId, daysInactive, openIssues, seriousComplaints, score, csat,
        pAlive, hasPAlive);
  }

  /**
   * With the latest CSAT answer.
   *
   * @param score {@code 1..5}
   * @return a copy
   */
  public RiskSignals withCsat(int score) {
    if (score < 1 || score > 5) {
      throw new IllegalArgumentException("csat must be in [1, 5], was " + score);
    }
    return new RiskSignals(customerId, daysInactive, openIssues, seriousComplaints, nps, score,
        pAlive, hasPAlive);
  }

  /**
   * With P(alive) from a fitted model.
   *
   * @param p a probability in {@code [0, 1]}
   * @return a copy
   */
  public RiskSignals withPAlive(double p) {
    Checks.inRange(p, 0, 1, "pAlive");
    return new RiskSignals(customerId, daysInactive, openIssues, seriousComplaints, nps, csat, p,
        true);
  }

  /**
   * The customer id.
   *
   * @return the id
   */
  public String customerId() {
    return customerId;
  }

  /**
   * Days inactive, if given.
   *
   * @return the days
   */
  public OptionalInt daysInactive() {
    return opt(daysInactive);
  }

  /**
   * Open non-critical issues, if given.
   *
   * @return the count
   */
  public OptionalInt openIssues() {
    return opt(openIssues);
  }

  /**
   * Serious complaints, if given.
   *
   * @return the count
   */
  public OptionalInt seriousComplaints() {
    return opt(seriousComplaints);
  }

  /**
   * Latest NPS answer, if given.
   *
   * @return 0..10
   */
  public OptionalInt nps() {
    return opt(nps);
  }

  /**
   * Latest CSAT answer, if given.
   *
   * @return 1..5
   */
  public OptionalInt csat() {
    return opt(csat);
  }

  /**
   * P(alive), if given.
   *
   * @return the probability
   */
  public OptionalDouble pAlive() {
    return hasPAlive ? OptionalDouble.of(pAlive) : OptionalDouble.empty();
  }

  private static OptionalInt opt(int v) {
    return v == ABSENT ? OptionalInt.empty() : OptionalInt.of(v);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RiskSignals)) {
      return false;
    }
    RiskSignals t = (RiskSignals) o;
    return customerId.equals(t.customerId) && daysInactive == t.daysInactive
        && openIssues == t.openIssues && seriousComplaints == t.seriousComplaints
        && nps == t.nps && csat == t.csat && hasPAlive == t.hasPAlive
        && Double.compare(pAlive, t.pAlive) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(customerId, daysInactive, openIssues, seriousComplaints, nps, csat,
        pAlive, hasPAlive);
  }

  @Override
  public String toString() {
    return "RiskSignals{" + customerId + ", daysInactive=" + daysInactive() + ", openIssues="
        + openIssues() + ", seriousComplaints=" + seriousComplaints() + ", nps=" + nps()
        + ", csat=" + csat() + ", pAlive=" + pAlive() + "}";
  }
}
