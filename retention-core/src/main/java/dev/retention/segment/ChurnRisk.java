package dev.retention.segment;

import dev.retention.internal.Checks;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Sets;
import dev.retention.data.SurveyKind;
import dev.retention.data.SurveyResponse;
import dev.retention.data.TransactionLog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A churn-risk traffic light over signals the caller supplies per customer ({@link RiskSignals}):
 * {@link Level#GREEN} (happy, unlikely to churn), {@link Level#AMBER} (a possible issue, not
 * critical) or {@link Level#RED} (serious risk). Every assessment carries the reason codes that
 * fired. Immutable and thread-safe; configure by copies.
 *
 * <h2>Rules (defaults in brackets)</h2>
 *
 * Each given signal fires at most one reason, the RED one when both thresholds are crossed:
 *
 * <pre>
 *   signal               RED reason (fires when)                   AMBER reason (fires when)
 *   days inactive        LONG_INACTIVITY   days &gt;= red [60]        INACTIVITY        days &gt;= amber [30]
 *   serious complaints   SERIOUS_COMPLAINT n &gt;= 1                   -
 *   open issues          -                                         OPEN_ISSUES       n &gt;= 1
 *   latest NPS           NPS_DISSATISFIED  score &lt;= red [4]        NPS_DETRACTOR     score &lt;= amber [6]
 *   latest CSAT          CSAT_DISSATISFIED score &lt;= red [2]        CSAT_NEUTRAL      score &lt;= amber [3]
 *   P(alive)             LOW_P_ALIVE       p &lt; red [0.3]           FALLING_P_ALIVE   p &lt; amber [0.6]
 * </pre>
 *
 * The level is RED if any RED reason fired, else AMBER if any AMBER reason fired, else GREEN
 * (with no reasons). A signal that is not given fires nothing. NPS 0-6 is a detractor and 0-4
 * an explicit dissatisfaction; CSAT 1-2 is dissatisfied; these and the inactivity days follow the
 * issue's suggested defaults (30 days without use AMBER, 60 RED).
 */
public final class ChurnRisk {

  /** The traffic-light colour; the order is severity. */
  public enum Level {
    /** Happy, unlikely to churn. */
    GREEN,
    /** A possible issue, not critical. */
    AMBER,
    /** Serious risk. */
    RED
  }

  /** Reason codes and the level each one sets. */
  public enum Reason {
    /** Days inactive reached the RED threshold. */
    LONG_INACTIVITY(Level.RED),
    /** At least one serious complaint. */
    SERIOUS_COMPLAINT(Level.RED),
    /** Latest NPS at or below the RED threshold (explicit dissatisfaction). */
    NPS_DISSATISFIED(Level.RED),
    /** Latest CSAT at or below the RED threshold. */
    CSAT_DISSATISFIED(Level.RED),
    /** P(alive) below the RED threshold. */
    LOW_P_ALIVE(Level.RED),
    /** Days inactive reached the AMBER threshold. */
    INACTIVITY(Level.AMBER),
    /** At least one open non-critical issue. */
    OPEN_ISSUES(Level.AMBER),
    /** Latest NPS at or below the AMBER threshold (a detractor). */
    NPS_DETRACTOR(Level.AMBER),
    /** Latest CSAT at or below the AMBER threshold. */
    CSAT_NEUTRAL(Level.AMBER),
    /** P(alive) below the AMBER threshold. */
    FALLING_P_ALIVE(Level.AMBER);

    private final Level level;

    Reason(Level level) {
      this.level = level;
    }

    /**
     * The level this reason sets.
     *
     * @return AMBER or RED
     */
    public Level level() {
      return level;
    }
  }

  /**
   * One customer's light and the reasons that fired.
   *
   * @param customerId the customer
   * @param level the colour
   * @param reasons the reasons that fired, in {@link Reason} order (empty for GREEN)
   */
  public record Assessment(String customerId, Level level, Set<Reason> reasons) {
    /**
     * Validates and copies the reasons into an immutable set.
     *
     * @param customerId the customer
     * @param level the colour
     * @param reasons the reasons
     */
    public Assessment {
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(level, "level");
      reasons = Sets.immutableEnumSet(reasons);
    }
  }

  private final int amberDays;
  private final int redDays;
  private final int amberNps;
  private final int redNps;
  private final int amberCsat;
  private final int redCsat;
  private final double amberPAlive;
  private final double redPAlive;

  private ChurnRisk(int ad, int rd, int an, int rn, int ac, int rc, double ap, double rp) {
    if (ad < 0 || rd < ad) {
      throw new IllegalArgumentException(
          "inactivity days must satisfy 0 <= amber <= red, were " + ad + " and " + rd);
    }
    if (rn < 0 || an < rn || an > 10) {
      throw new IllegalArgumentException(
          "NPS thresholds must satisfy 0 <= red <= amber <= 10, were " + rn + " and " + an);
    }
    if (rc < 1 || ac < rc || ac > 5) {
      throw new IllegalArgumentException(
          "CSAT thresholds must satisfy 1 <= red <= amber <= 5, were " + rc + " and " + ac);
    }
    if (!(rp >= 0 && rp <= ap && ap <= 1)) {
      throw new IllegalArgumentException(
          "P(alive) thresholds must satisfy 0 <= red <= amber <= 1, were " + rp + " and " + ap);
    }
    this.amberDays = ad;
    this.redDays = rd;
    this.amberNps = an;
    this.redNps = rn;
    this.amberCsat = ac;
    this.redCsat = rc;
    this.amberPAlive = ap;
    this.redPAlive = rp;
  }

  /**
   * The documented defaults: inactivity 30/60 days, NPS 6/4, CSAT 3/2, P(alive) 0.6/0.3 (amber
   * / red).
   *
   * @return the default rules
   */
  public static ChurnRisk defaults() {
    return new ChurnRisk(30, 60, 6, 4, 3, 2, 0.6, 0.3);
  }

  /**
   * A copy with other inactivity thresholds.
   *
   * @param amber days inactive from which AMBER fires
   * @param red days inactive from which RED fires, {@code >= amber}
   * @return the copy
   */
  public ChurnRisk withInactivityDays(int amber, int red) {
    return new ChurnRisk(amber, red, amberNps, redNps, amberCsat, redCsat, amberPAlive,
        redPAlive);
  }

  /**
   * A copy with other NPS thresholds (inclusive upper bounds).
   *
   * @param amberAtOrBelow NPS at or below which AMBER fires
   * @param redAtOrBelow NPS at or below which RED fires
   * @return the copy
   */
  public ChurnRisk withNps(int amberAtOrBelow, int redAtOrBelow) {
    return new ChurnRisk(amberDays, redDays, amberAtOrBelow, redAtOrBelow, amberCsat, redCsat,
        amberPAlive, redPAlive);
  }

  /**
   * A copy with other CSAT thresholds (inclusive upper bounds).
   *
   * @param amberAtOrBelow CSAT at or below which AMBER fires
   * @param redAtOrBelow CSAT at or below which RED fires
   * @return the copy
   */
  public ChurnRisk withCsat(int amberAtOrBelow, int redAtOrBelow) {
    return new ChurnRisk(amberDays, redDays, amberNps, redNps, amberAtOrBelow, redAtOrBelow,
        amberPAlive, redPAlive);
  }

  /**
   * A copy with other P(alive) thresholds (exclusive: fires when {@code p < threshold}).
   *
   * @param amberBelow P(alive) below which AMBER fires
   * @param redBelow P(alive) below which RED fires
   * @return the copy
   */
  public ChurnRisk withPAlive(double amberBelow, double redBelow) {
    return new ChurnRisk(amberDays, redDays, amberNps, redNps, amberCsat, redCsat, amberBelow,
        redBelow);
  }

  /**
   * Assesses one customer.
   *
   * @param s the signals
   * @return the light and its reasons
   */
  public Assessment assess(RiskSignals s) {
    Objects.requireNonNull(s, "signals");
    EnumSet<Reason> r = EnumSet.noneOf(Reason.class);
    s.daysInactive().ifPresent(d -> {
      if (d >= redDays) {
        r.add(Reason.LONG_INACTIVITY);
      } else if (d >= amberDays) {
        r.add(Reason.INACTIVITY);
      }
    });
    s.seriousComplaints().ifPresent(n -> {
      if (n >= 1) {
        r.add(Reason.SERIOUS_COMPLAINT);
      }
    });
    s.openIssues().ifPresent(n -> {
      if (n >= 1) {
        r.add(Reason.OPEN_ISSUES);
      }
    });
    s.nps().ifPresent(v -> {
      if (v <= redNps) {
        r.add(Reason.NPS_DISSATISFIED);
      } else if (v <= amberNps) {
        r.add(Reason.NPS_DETRACTOR);
      }
    });
    s.csat().ifPresent(v -> {
      if (v <= redCsat) {
        r.add(Reason.CSAT_DISSATISFIED);
      } else if (v <= amberCsat) {
        r.add(Reason.CSAT_NEUTRAL);
      }
    });
    s.pAlive().ifPresent(p -> {
      if (p < redPAlive) {
        r.add(Reason.LOW_P_ALIVE);
      } else if (p < amberPAlive) {
        r.add(Reason.FALLING_P_ALIVE);
      }
    });
    Level level = Level.GREEN;
    for (Reason x : r) {
      if (x.level().compareTo(level) > 0) {
        level = x.level();
      }
    }
    return new Assessment(s.customerId(), level, r);
  }

  /**
   * Signals derived from data for every log customer with a purchase on or before {@code asOf}:
   * days inactive = days since the last purchase (calendar days in the log's zone), and the
   * latest NPS and CSAT answers dated on or before the end of {@code asOf} in the log's zone
   * (latest by timestamp; on equal timestamps the lower score wins, the conservative choice).
   * Survey answers of customers without a purchase are ignored; CES answers are not used. Add
   * issues, complaints and P(alive) with the {@code withX} copies before assessing.
   *
   * @param log the purchases
   * @param asOf the as-of day (inclusive)
   * @param surveys survey answers, in any order
   * @return id to signals, in the log's customer order
   */
  public static ImmutableMap<String, RiskSignals> signalsFrom(
      TransactionLog log, LocalDate asOf, Iterable<SurveyResponse> surveys) {
    Objects.requireNonNull(log, "log");
    Checks.date(asOf, "asOf", -1);
    Objects.requireNonNull(surveys, "surveys");
    long endSecond = asOf.plusDays(1).atStartOfDay(log.zone()).toEpochSecond();
    Map<String, SurveyResponse> nps = new HashMap<>();
    Map<String, SurveyResponse> csat = new HashMap<>();
    for (SurveyResponse r : surveys) {
      Objects.requireNonNull(r, "surveys element");
      if (r.timestamp().getEpochSecond() >= endSecond) {
        continue;
      }
      Map<String, SurveyResponse> m =
          r.kind() == SurveyKind.NPS ? nps : r.kind() == SurveyKind.CSAT ? csat : null;
      if (m != null) {
        m.merge(r.customerId(), r, ChurnRisk::later);
      }
    }
    int day = (int) Checks.date(asOf, "asOf", -1).toEpochDay(); // in range: fits an int
    Map<String, RiskSignals> out = new LinkedHashMap<>();
    for (int c = 0; c < log.customerCount(); c++) {
      int last = Integer.MIN_VALUE;
      for (int r = log.start(c); r < log.end(c) && log.epochDay(r) <= day; r++) {
        if (log.amountMinor(r) >= 0) {
          last = log.epochDay(r);
        }
      }
      if (last == Integer.MIN_VALUE) {
        continue;
      }
      String id = log.customerId(c);
      RiskSignals s = RiskSignals.of(id).withDaysInactive(day - last);
      SurveyResponse n = nps.get(id);
      if (n != null) {
        s = s.withNps(n.score());
      }
      SurveyResponse q = csat.get(id);
      if (q != null) {
        s = s.withCsat(q.score());
      }
      out.put(id, s);
    }
    return ImmutableMap.copyOf(out);
  }

  private static SurveyResponse later(SurveyResponse a, SurveyResponse b) {
    int c = a.timestamp().compareTo(b.timestamp());
    if (c != 0) {
      return c > 0 ? a : b;
    }
    return a.score() <= b.score() ? a : b;
  }

  /**
   * Assesses many customers as a segmentation with segments GREEN, AMBER, RED; each row explains
   * itself with its reason codes and signals.
   *
   * @param asOf the day the signals describe
   * @param given one entry per customer (ids unique), in the segmentation's row order
   * @return the segmentation
   * @throws IllegalArgumentException if an id repeats
   */
  public Segmentation assessAll(LocalDate asOf, Collection<RiskSignals> given) {
    Checks.date(asOf, "asOf", -1);
    Objects.requireNonNull(given, "signals");
    List<RiskSignals> signals = new ArrayList<>(given);
    int n = signals.size();
    String[] ids = new String[n];
    int[] seg = new int[n];
    List<Assessment> all = new ArrayList<>(n);
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      RiskSignals s = Objects.requireNonNull(signals.get(i), "signals[" + i + "]");
      Integer earlier = seen.putIfAbsent(s.customerId(), i);
      if (earlier != null) {
        throw new IllegalArgumentException("signals customerId must be unique, signals[" + i
            + "] repeats the customerId of signals[" + earlier + "]");
      }
      Assessment a = assess(s);
      all.add(a);
      ids[i] = s.customerId();
      seg[i] = a.level().ordinal();
    }
    List<String> names = new ArrayList<>();
    for (Level l : Level.values()) {
      names.add(l.name());
    }
    ImmutableList<Assessment> frozen = ImmutableList.copyOf(all);
    ImmutableList<RiskSignals> copy = ImmutableList.copyOf(signals);
    return Segmentation.create("churn risk", asOf, ids, names, seg,
        i -> "reasons " + frozen.get(i).reasons() + " from " + copy.get(i));
  }

  @Override
  public String toString() {
    return "ChurnRisk{inactivity " + amberDays + "/" + redDays + " days, NPS <=" + amberNps + "/<="
        + redNps + ", CSAT <=" + amberCsat + "/<=" + redCsat + ", P(alive) <" + amberPAlive
        + "/<" + redPAlive + "}";
  }
}
