package dev.retention.examples;

import dev.retention.data.Customer;
import dev.retention.data.SurveyKind;
import dev.retention.data.SurveyResponse;
import dev.retention.data.TransactionLog;
import dev.retention.metrics.Change;
import dev.retention.metrics.CustomerRetention;
import dev.retention.metrics.LoyaltyRule;
import dev.retention.metrics.PeriodComparison;
import dev.retention.metrics.PurchaseMetrics;
import dev.retention.metrics.Ratio;
import dev.retention.metrics.RetentionResult;
import dev.retention.metrics.SurveyMetrics;
import dev.retention.metrics.SurveyScores;
import dev.retention.time.DateRange;
import dev.retention.time.Granularity;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The main example: a retention report for the last full quarter of a store's data, compared with
 * the quarter before and the same quarter a year earlier.
 *
 * <pre>
 * mvn -q -pl retention-examples -am compile exec:java                    # built-in simulated store
 * mvn -q -pl retention-examples -am compile exec:java -Dexec.args=PATH   # a CDNOW_master.txt file
 * </pre>
 *
 * <p>With no argument the data is a {@link StoreSimulator} store (seed {@value #DEFAULT_SEED});
 * with one argument it is a file in the CDNOW master format ({@link CdnowMaster}), which has no
 * survey answers. Output is plain ASCII, formatted with {@link Locale#ROOT}, so it does not depend
 * on the default locale or time zone. Money is printed in the log's currency with two decimals.
 */
public final class RetentionReport {
  /** The seed of the built-in store. */
  public static final long DEFAULT_SEED = 2026L;

  /** The active window that decides who is a customer at a date, in days. */
  static final int ACTIVE_WINDOW_DAYS = 365;

  /** The gross margin used for both CLV figures (1 = revenue CLV). */
  static final double MARGIN = 1.0;

  private static final LoyaltyRule LOYALTY = LoyaltyRule.defaultRule();

  private RetentionReport() {}

  /**
   * Runs the example.
   *
   * @param args nothing for the built-in store, or the path of a CDNOW master file
   * @throws IOException if the file cannot be read
   */
  public static void main(String[] args) throws IOException {
    run(args, System.out);
  }

  /**
   * Runs the example, printing to {@code out}.
   *
   * @param args nothing for the built-in store, or the path of a CDNOW master file
   * @param out where the report goes
   * @throws IOException if the file cannot be read
   */
  public static void run(String[] args, PrintStream out) throws IOException {
    Objects.requireNonNull(out, "out");
    if (args.length > 1) {
      throw new IllegalArgumentException(
          "args must be empty or one CDNOW file path, were " + args.length + " arguments");
    }
    Input input = args.length == 0 ? simulated(DEFAULT_SEED) : cdnow(Path.of(args[0]));
    for (String line : report(input)) {
      out.println(line);
    }
    out.flush();
  }

  /**
   * What a report is made from.
   *
   * @param title one line naming the data
   * @param log the transactions
   * @param surveys the survey answers, or null when the data has none
   * @param segmentOf the plan of a customer id, or null when the data has no plans
   * @param firstDay the first day of the data
   * @param lastDay the last observed day, inclusive
   */
  record Input(
      String title, TransactionLog log, List<SurveyResponse> surveys,
      Function<String, String> segmentOf, LocalDate firstDay, LocalDate lastDay) {}

  /**
   * The built-in store as report input.
   *
   * @param seed the simulator's seed
   * @return the input, with surveys and plans
   */
  static Input simulated(long seed) {
    StoreSimulator.Store store = StoreSimulator.withSeed(seed).simulate();
    TransactionLog log = TransactionLog.from(store.transactions(), store.currency(), store.zone());
    Map<String, String> plan = new HashMap<>();
    for (Customer c : store.customers()) {
      plan.put(c.id(), c.attribute("plan").orElseThrow());
    }
    return new Input("simulated store (StoreSimulator, seed " + seed + ")", log, store.surveys(),
        plan::get, store.firstDay(), store.lastDay());
  }

  /**
   * A CDNOW master file as report input (no surveys, no plans).
   *
   * @param path the file
   * @return the input
   * @throws IOException if the file cannot be read
   */
  static Input cdnow(Path path) throws IOException {
    CdnowMaster.Data d = CdnowMaster.read(path);
    return new Input("CDNOW master file " + path.getFileName(), d.log(), null, null,
        d.firstDay(), d.lastDay());
  }

  /**
   * The last calendar quarter that ends on or before the day after {@code lastDay}.
   *
   * @param lastDay the last observed day
   * @return the quarter
   */
  static DateRange lastFullQuarter(LocalDate lastDay) {
    DateRange q = DateRange.period(Granularity.QUARTER, lastDay);
    return q.endExclusive().isAfter(lastDay.plusDays(1)) ? q.previous() : q;
  }

  /**
   * A quarter's name.
   *
   * @param q a calendar quarter
   * @return e.g. {@code "1998-Q2"}
   */
  static String quarterName(DateRange q) {
    return q.start().getYear() + "-Q" + ((q.start().getMonthValue() - 1) / 3 + 1);
  }

  /** How a metric's values and changes are printed. */
  private enum Kind {
    PERCENT, COUNT, MONEY, NUMBER, POINTS, SCORE
  }

  private record Metric(String label, Kind kind, Function<DateRange, Ratio> f, String definition) {}

  /**
   * The report's lines: a header, one table row per metric over the last full quarter, the quarter
   * before and the same quarter a year earlier with the changes, survey scores per plan, and one
   * definition line per metric. Each metric is one {@link PeriodComparison}; every pass is over the
   * log's columns, so the report costs a few dozen passes over the log.
   *
   * @param in the data
   * @return the lines, at most about 50
   */
  static List<String> report(Input in) {
    TransactionLog log = in.log();
    DateRange q = lastFullQuarter(in.lastDay());
    PurchaseMetrics pm = PurchaseMetrics.of(log);
    CustomerRetention cr = CustomerRetention.of(log).withActiveWindowDays(ACTIVE_WINDOW_DAYS);
    Map<DateRange, RetentionResult> retained = new HashMap<>();
    Function<DateRange, RetentionResult> ret = p -> retained.computeIfAbsent(p, cr::retention);
    String cur = log.currency().getCurrencyCode();
    double minorPerMajor = Math.pow(10, Math.max(0, log.currency().getDefaultFractionDigits()));

    List<Metric> metrics = new ArrayList<>();
    metrics.add(new Metric("customer retention rate", Kind.PERCENT,
        p -> ret.apply(p).retentionRate(), "(E - N) / S: customers kept over the quarter"));
    metrics.add(new Metric("  S customers at start", Kind.COUNT,
        p -> Ratio.of(ret.apply(p).atStart(), 1), "customers at the quarter's first day"));
    metrics.add(new Metric("  E customers at end", Kind.COUNT,
        p -> Ratio.of(ret.apply(p).atEnd(), 1), "customers at the day after the quarter"));
    metrics.add(new Metric("  N new or reactivated", Kind.COUNT,
        p -> Ratio.of(ret.apply(p).gained(), 1), "customers at the end who were not at the start"));
    metrics.add(new Metric("churn rate", Kind.PERCENT, p -> ret.apply(p).churnRate(),
        "customers at the start who are not at the end / S"));
    metrics.add(new Metric("repeat purchase rate, quarter", Kind.PERCENT,
        pm::repeatPurchaseRate, "buyers with 2+ orders in the quarter / buyers in it"));
    metrics.add(new Metric("repeat purchase rate, to date", Kind.PERCENT,
        p -> pm.repeatPurchaseRateToDate(p.endExclusive()),
        "customers with 2+ orders up to the quarter's end / with 1+"));
    metrics.add(new Metric("purchase frequency", Kind.NUMBER, pm::purchaseFrequency,
        "orders in the quarter / buyers in the quarter"));
    metrics.add(new Metric("average order value", Kind.MONEY, pm::averageOrderValue,
        "net revenue (refunds subtracted) / orders, in the quarter"));
    metrics.add(new Metric("observed lifespan, days", Kind.NUMBER,
        p -> pm.observedLifespanDays(p.endExclusive()),
        "mean days from first to last order to date (0 for one order)"));
    metrics.add(new Metric("loyal customer rate", Kind.PERCENT,
        p -> pm.loyalCustomerRate(p, LOYALTY),
        "buyers in the quarter with >= " + LOYALTY.minOrders() + " orders to date / buyers"));
    metrics.add(new Metric("historical CLV, average", Kind.MONEY,
        p -> pm.historicalClv(p.endExclusive(), MARGIN).average(),
        "net revenue to date per customer with an order"));
    metrics.add(new Metric("simple CLV", Kind.MONEY, p -> simpleClv(pm, ret, p),
        "AOV x orders/buyer/year x (1 / annual churn) years, last 12 months"));
    boolean surveys = in.surveys() != null;
    SurveyMetrics sm = surveys ? SurveyMetrics.of(in.surveys(), log.zone()) : null;
    if (surveys) {
      metrics.add(new Metric("NPS", Kind.POINTS, p -> sm.scores(SurveyKind.NPS, p).nps(),
          "% promoters (9-10) - % detractors (0-6), answers in the quarter"));
      metrics.add(new Metric("  NPS margin of error, 95 %", Kind.SCORE,
          p -> sm.scores(SurveyKind.NPS, p).npsMarginOfError95(),
          "1.96 x 100 x sqrt((p + d - (p - d)^2) / n) (Rocks 2016)"));
      metrics.add(new Metric("CSAT", Kind.PERCENT,
          p -> sm.scores(SurveyKind.CSAT, p).csat(),
          "answers 4 or 5 on the 1-5 scale / answers"));
      metrics.add(new Metric("CES", Kind.SCORE, p -> sm.scores(SurveyKind.CES, p).ces(),
          "mean answer on the 1-7 effort scale (higher = easier)"));
    }

    List<String> lines = new ArrayList<>();
    lines.add("Retention report: " + in.title());
    lines.add(String.format(Locale.ROOT,
        "  %,d customers, %,d orders, %,d refunds; %s .. %s, days in %s",
        log.customerCount(), log.orderCount(), log.size() - log.orderCount(), in.firstDay(),
        in.lastDay(), log.zone()));
    lines.add(String.format(Locale.ROOT,
        "  last full quarter %s %s vs %s (before) and %s (a year earlier)",
        quarterName(q), q, quarterName(q.previous()), quarterName(q.yearEarlier())));
    lines.add(String.format(Locale.ROOT,
        "  customer at a date = a purchase in the %d days before it; money in %s; margin %.0f %%",
        ACTIVE_WINDOW_DAYS, cur, 100 * MARGIN));
    lines.add("");
    lines.add(String.format(Locale.ROOT, "%-31s %12s %12s %10s %12s %10s", "metric",
        quarterName(q), quarterName(q.previous()), "change", quarterName(q.yearEarlier()),
        "change"));
    for (Metric m : metrics) {
      PeriodComparison c = PeriodComparison.of(q, m.f());
      lines.add(String.format(Locale.ROOT, "%-31s %12s %12s %10s %12s %10s", m.label(),
          value(m.kind(), c.value(), minorPerMajor), value(m.kind(), c.previousValue(), minorPerMajor),
          change(m.kind(), c.vsPrevious()), value(m.kind(), c.yearEarlierValue(), minorPerMajor),
          change(m.kind(), c.vsYearEarlier())));
    }
    lines.add("");
    if (surveys) {
      lines.add(String.format(Locale.ROOT, "surveys by plan, %-13s %8s %14s %8s %8s %6s",
          quarterName(q), "answers", "NPS +/- 95 %", "CSAT", "CES", "n CES"));
      Map<String, SurveyScores> nps = sm.bySegment(SurveyKind.NPS, q, in.segmentOf());
      Map<String, SurveyScores> csat = sm.bySegment(SurveyKind.CSAT, q, in.segmentOf());
      Map<String, SurveyScores> ces = sm.bySegment(SurveyKind.CES, q, in.segmentOf());
      java.util.TreeSet<String> plans = new java.util.TreeSet<>(nps.keySet());
      plans.addAll(csat.keySet());
      plans.addAll(ces.keySet());
      for (String plan : plans) {
        SurveyScores n = nps.getOrDefault(plan, new SurveyScores(SurveyKind.NPS, 0, 0, 0, 0));
        SurveyScores s = csat.getOrDefault(plan, new SurveyScores(SurveyKind.CSAT, 0, 0, 0, 0));
        SurveyScores e = ces.getOrDefault(plan, new SurveyScores(SurveyKind.CES, 0, 0, 0, 0));
        String npsCell = n.nps().isDefined()
            ? String.format(Locale.ROOT, "%+.1f +/- %.1f", n.nps().value(),
                n.npsMarginOfError95().value())
            : "n/a";
        lines.add(String.format(Locale.ROOT, "  plan %-25s %8d %14s %8s %8s %6d", plan,
            n.count(), npsCell, value(Kind.PERCENT, s.csat(), 1),
            value(Kind.NUMBER, e.ces(), 1), e.count()));
      }
    } else {
      lines.add("surveys: none in this data (the CDNOW file has no NPS, CSAT or CES answers),");
      lines.add("  so NPS, CSAT and CES are not reported.");
    }
    lines.add("");
    lines.add("definitions (rates are 'n/a' when their denominator is 0; changes: rates in");
    lines.add("percentage points, counts and money in %, scores in points):");
    for (Metric m : metrics) {
      lines.add(String.format(Locale.ROOT, "  %-29s %s", m.label().strip(), m.definition()));
    }
    return lines;
  }

  private static Ratio simpleClv(
      PurchaseMetrics pm, Function<DateRange, RetentionResult> ret, DateRange p) {
    DateRange year = DateRange.of(p.endExclusive().minusYears(1), p.endExclusive());
    Ratio aov = pm.averageOrderValue(year);
    Ratio perYear = pm.purchaseFrequency(year);
    Ratio lifespanYears = PurchaseMetrics.expectedLifespan(ret.apply(year).churnRate());
    if (!aov.isDefined() || !perYear.isDefined() || !lifespanYears.isDefined()) {
      return Ratio.of(0, 0);
    }
    return Ratio.of(PurchaseMetrics.simpleClv(
        aov.value(), perYear.value(), lifespanYears.value(), MARGIN), 1);
  }

  private static String value(Kind kind, Ratio r, double minorPerMajor) {
    if (!r.isDefined()) {
      return "n/a";
    }
    double v = r.value();
    switch (kind) {
      case PERCENT:
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
      case COUNT:
        return String.format(Locale.ROOT, "%,d", Math.round(v));
      case MONEY:
        return String.format(Locale.ROOT, "%,.2f", v / minorPerMajor);
      case POINTS:
        return String.format(Locale.ROOT, "%+.1f", v);
      default:
        return String.format(Locale.ROOT, "%.2f", v);
    }
  }

  private static String change(Kind kind, Change c) {
    if (!c.isDefined()) {
      return "n/a";
    }
    switch (kind) {
      case PERCENT:
        return String.format(Locale.ROOT, "%+.1f pp", 100 * c.absolute());
      case POINTS:
        return String.format(Locale.ROOT, "%+.1f", c.absolute());
      case SCORE:
        return String.format(Locale.ROOT, "%+.2f", c.absolute());
      default:
        Ratio rel = c.relative();
        return rel.isDefined() ? String.format(Locale.ROOT, "%+.1f %%", 100 * rel.value()) : "n/a";
    }
  }
}
