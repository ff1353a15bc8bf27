package dev.retention.segment;

import dev.retention.data.TransactionLog;
import dev.retention.internal.Checks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Lifecycle stages for targeting campaigns (a loyal customer must not get first-purchase offers),
 * from purchases on or before an as-of day. Immutable and thread-safe; configure by copies.
 *
 * <h2>Definitions and precedence</h2>
 *
 * Let {@code d} = days since the last purchase, {@code a} = days since the first purchase,
 * {@code g} = days between the last two distinct purchase days (none with one purchase day) and
 * {@code o} = orders (purchase rows; refunds are ignored), all on or before the as-of day. The
 * first matching stage wins:
 *
 * <ol>
 *   <li>{@link Stage#PROSPECT}: no purchase (a known customer from the caller's list);
 *   <li>{@link Stage#CHURNED}: {@code d > churnedAfterDays} (default 365);
 *   <li>{@link Stage#LAPSED}: {@code d > lapsedAfterDays} (default 180);
 *   <li>{@link Stage#AT_RISK}: {@code d > atRiskAfterDays} (default 90);
 *   <li>{@link Stage#REACTIVATED}: {@code g > reactivationGapDays} (default 180): the customer
 *       came back after a lapse and has not been inactive since;
 *   <li>{@link Stage#NEW}: {@code a < newWithinDays} (default 30);
 *   <li>{@link Stage#LOYAL}: {@code o >= loyalMinOrders} (default 5);
 *   <li>{@link Stage#REPEAT}: {@code o >= 2};
 *   <li>{@link Stage#ACTIVE}: otherwise (one order, past the new window, not yet at risk).
 * </ol>
 *
 * Windows must satisfy {@code 1 <= newWithinDays} and {@code atRiskAfterDays < lapsedAfterDays <
 * churnedAfterDays}. Computing stages for a log makes one pass over its rows and allocates five
 * {@code int} arrays of the customer count.
 */
public final class Lifecycle {
  /** Lifecycle stages (the enum order is the report order; precedence is in the class doc). */
  public enum Stage {
    /** Known, but no purchase yet. */
    PROSPECT,
    /** First purchase within the new window. */
    NEW,
    /** One order, past the new window, recently active. */
    ACTIVE,
    /** Two or more orders, recently active. */
    REPEAT,
    /** At least {@code loyalMinOrders} orders, recently active. */
    LOYAL,
    /** No purchase for more than {@code atRiskAfterDays}. */
    AT_RISK,
    /** No purchase for more than {@code lapsedAfterDays}. */
    LAPSED,
    /** No purchase for more than {@code churnedAfterDays}. */
    CHURNED,
    /** Came back after a gap longer than {@code reactivationGapDays}, recently active. */
    REACTIVATED
  }

  private final int newWithinDays;
  private final int atRiskAfterDays;
  private final int lapsedAfterDays;
  private final int churnedAfterDays;
  private final int reactivationGapDays;
  private final int loyalMinOrders;

  private Lifecycle(int nw, int ar, int la, int ch, int re, int lo) {
    if (nw < 1) {
      throw new IllegalArgumentException("newWithinDays must be >= 1, was " + nw);
    }
    if (ar < 0 || !(ar < la && la < ch)) {
      throw new IllegalArgumentException(
          "windows must satisfy 0 <= atRiskAfterDays < lapsedAfterDays < churnedAfterDays, were "
              + ar + ", " + la + ", " + ch);
    }
    if (re < 1) {
      throw new IllegalArgumentException("reactivationGapDays must be >= 1, was " + re);
    }
    if (lo < 2) {
      throw new IllegalArgumentException("loyalMinOrders must be >= 2, was " + lo);
    }
    this.newWithinDays = nw;
    this.atRiskAfterDays = ar;
    this.lapsedAfterDays = la;
    this.churnedAfterDays = ch;
    this.reactivationGapDays = re;
    this.loyalMinOrders = lo;
  }

  /**
   * The documented defaults: new within 30 days, at risk after 90, lapsed after 180, churned
   * after 365, reactivated after a 180-day gap, loyal from 5 orders.
   *
   * @return the default rules
   */
  public static Lifecycle defaults() {
    return new Lifecycle(30, 90, 180, 365, 180, 5);
  }

  /**
   * A copy with another new-customer window.
   *
   * @param days days since the first purchase below which a customer is NEW
   * @return the copy
   */
  public Lifecycle withNewWithinDays(int days) {
    return new Lifecycle(days, atRiskAfterDays, lapsedAfterDays, churnedAfterDays,
        reactivationGapDays, loyalMinOrders);
  }

  /**
   * A copy with other inactivity windows.
   *
   * @param atRiskAfter days without purchase after which a customer is AT_RISK
   * @param lapsedAfter days after which LAPSED
   * @param churnedAfter days after which CHURNED
   * @return the copy
   */
  public Lifecycle withInactivityDays(int atRiskAfter, int lapsedAfter, int churnedAfter) {
    return new Lifecycle(newWithinDays, atRiskAfter, lapsedAfter, churnedAfter,
        reactivationGapDays, loyalMinOrders);
  }

  /**
   * A copy with another reactivation gap.
   *
   * @param days the gap between the last two purchase days above which a return is REACTIVATED
   * @return the copy
   */
  public Lifecycle withReactivationGapDays(int days) {
    return new Lifecycle(newWithinDays, atRiskAfterDays, lapsedAfterDays, churnedAfterDays, days,
        loyalMinOrders);
  }

  /**
   * A copy with another loyalty threshold.
   *
   * @param orders the orders from which an active customer is LOYAL
   * @return the copy
   */
  public Lifecycle withLoyalMinOrders(int orders) {
    return new Lifecycle(newWithinDays, atRiskAfterDays, lapsedAfterDays, churnedAfterDays,
        reactivationGapDays, orders);
  }

  /**
   * The stage of one customer from its summary numbers.
   *
   * @param orders purchase rows on or before the as-of day
   * @param daysSinceFirst days since the first purchase (ignored when {@code orders == 0})
   * @param daysSinceLast days since the last purchase (ignored when {@code orders == 0})
   * @param lastGapDays days between the last two distinct purchase days, or -1 with one day
   * @return the stage
   */
  public Stage stageOf(int orders, int daysSinceFirst, int daysSinceLast, int lastGapDays) {
    if (orders < 0) {
      throw new IllegalArgumentException("orders must be >= 0, was " + orders);
    }
    if (orders == 0) {
      return Stage.PROSPECT;
    }
    if (daysSinceLast < 0 || daysSinceFirst < daysSinceLast) {
      throw new IllegalArgumentException(
          "days must satisfy 0 <= daysSinceLast <= daysSinceFirst, were " + daysSinceLast
              + " and " + daysSinceFirst);
    }
    if (daysSinceLast > churnedAfterDays) {
      return Stage.CHURNED;
    }
    if (daysSinceLast > lapsedAfterDays) {
      return Stage.LAPSED;
    }
    if (daysSinceLast > atRiskAfterDays) {
      return Stage.AT_RISK;
    }
    if (lastGapDays > reactivationGapDays) {
      return Stage.REACTIVATED;
    }
    if (daysSinceFirst < newWithinDays) {
      return Stage.NEW;
    }
    if (orders >= loyalMinOrders) {
      return Stage.LOYAL;
    }
    return orders >= 2 ? Stage.REPEAT : Stage.ACTIVE;
  }

  /**
   * The stage of every log customer with a purchase on or before {@code asOf}.
   *
   * @param log the transactions
   * @param asOf the as-of day (inclusive)
   * @return one stage per customer; segments in {@link Stage} order
   */
  public Segmentation stages(TransactionLog log, LocalDate asOf) {
    return stages(log, asOf, List.of());
  }

  /**
   * The stage of every log customer with a purchase on or before {@code asOf}, plus every known
   * customer without one as a {@link Stage#PROSPECT}.
   *
   * @param log the transactions
   * @param asOf the as-of day (inclusive)
   * @param knownCustomers ids of all customers the caller knows
   * @return one stage per customer; segments in {@link Stage} order
   */
  public Segmentation stages(TransactionLog log, LocalDate asOf, Iterable<String> knownCustomers) {
    Objects.requireNonNull(log, "log");
    Checks.date(asOf, "asOf", -1);
    Objects.requireNonNull(knownCustomers, "knownCustomers");
    int day = (int) Checks.date(asOf, "asOf", -1).toEpochDay(); // in range: fits an int
    int n = log.customerCount();
    String[] ids = new String[n];
    int[] seg = new int[n];
    int[] first = new int[n];
    int[] last = new int[n];
    int[] gap = new int[n];
    int[] ord = new int[n];
    boolean[] bought = new boolean[n];
    int k = 0;
    for (int c = 0; c < n; c++) {
      int o = 0;
      int f = 0;
      int l = 0;
      int prev = -1;
      for (int r = log.start(c); r < log.end(c); r++) {
        int d = log.epochDay(r);
        if (d > day) {
          break;
        }
        if (log.amountMinor(r) < 0) {
          continue;
        }
        if (o == 0) {
          f = d;
        } else if (d != l) {
          prev = l;
        }
        l = d;
        o++;
      }
      if (o == 0) {
        continue;
      }
      bought[c] = true;
      ids[k] = log.customerId(c);
      first[k] = day - f;
      last[k] = day - l;
      gap[k] = prev < 0 ? -1 : l - prev;
      ord[k] = o;
      seg[k] = stageOf(o, first[k], last[k], gap[k]).ordinal();
      k++;
    }
    Set<String> extra = new LinkedHashSet<>();
    for (String id : knownCustomers) {
      Checks.id(id, "knownCustomers element");
      int c = log.indexOf(id);
      if (c < 0 || !bought[c]) {
        extra.add(id);
      }
    }
    int total = k + extra.size();
    ids = Arrays.copyOf(ids, total);
    seg = Arrays.copyOf(seg, total);
    for (String id : extra) {
      ids[k] = id;
      seg[k] = Stage.PROSPECT.ordinal();
      k++;
    }
    int bought0 = total - extra.size();
    List<String> names = new ArrayList<>();
    for (Stage s : Stage.values()) {
      names.add(s.name());
    }
    final int[] fFirst = first;
    final int[] fLast = last;
    final int[] fGap = gap;
    final int[] fOrd = ord;
    final int[] fSeg = seg;
    return Segmentation.create("lifecycle", asOf, ids, names, seg, i -> {
      if (i >= bought0) {
        return "no purchase on or before " + asOf;
      }
      return "orders=" + fOrd[i] + ", days since first purchase=" + fFirst[i]
          + ", days since last purchase=" + fLast[i] + ", gap before last purchase day="
          + (fGap[i] < 0 ? "none" : fGap[i] + " days") + "; " + rule(Stage.values()[fSeg[i]]);
    });
  }

  private String rule(Stage s) {
    switch (s) {
      case CHURNED:
        return "rule: days since last > " + churnedAfterDays;
      case LAPSED:
        return "rule: days since last > " + lapsedAfterDays;
      case AT_RISK:
        return "rule: days since last > " + atRiskAfterDays;
      case REACTIVATED:
        return "rule: gap > " + reactivationGapDays + " and days since last <= "
            + atRiskAfterDays;
      case NEW:
        return "rule: days since first < " + newWithinDays;
      case LOYAL:
        return "rule: orders >= " + loyalMinOrders;
      case REPEAT:
        return "rule: orders >= 2";
      default:
        return "rule: one order, active";
    }
  }

  @Override
  public String toString() {
    return "Lifecycle{new<" + newWithinDays + ", atRisk>" + atRiskAfterDays + ", lapsed>"
        + lapsedAfterDays + ", churned>" + churnedAfterDays + ", reactivationGap>"
        + reactivationGapDays + ", loyal>=" + loyalMinOrders + "}";
  }
}
