package dev.retention.examples;

import dev.retention.data.Customer;
import dev.retention.data.SurveyKind;
import dev.retention.data.SurveyResponse;
import dev.retention.data.Transaction;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded simulator of an online store, the built-in data of {@link RetentionReport}. The same
 * seed and settings give the same store (equal lists), on any machine and in any default locale or
 * time zone.
 *
 * <h2>The model</h2>
 *
 * <ul>
 *   <li><b>Acquisition:</b> {@code customers} customers join between {@code firstDay} and the end of
 *       observation at a linearly growing rate (the join time is {@code span × sqrt(u)}, u uniform),
 *       each on a plan: basic (60 %), plus (30 %) or pro (10 %). The first order is placed on
 *       joining.
 *   <li><b>Purchasing:</b> while alive, a customer orders as a Poisson process with a latent rate λ
 *       ~ Gamma(shape 0.8, mean 4 orders a year) times a plan factor (1, 1.4, 2): across customers
 *       the order counts are negative-binomial, i.e. heavy-tailed (the Pareto/NBD story of
 *       Schmittlein, Morrison &amp; Colombo 1987).
 *   <li><b>Churn:</b> each customer's lifetime is exponential with a mean of 1.5 years (1.5 × plan
 *       factor for paid plans); nothing is ordered after it ends.
 *   <li><b>Order values:</b> a customer's mean order value ~ Gamma(shape 4, mean 48.00 USD); each
 *       order ~ Gamma(shape 3) around it, rounded to cents, at least 1.00.
 *   <li><b>Refunds:</b> 3 % of orders are refunded 1–21 days later (if before the end of
 *       observation), in full (60 %) or in part, each refund naming its order.
 *   <li><b>Surveys:</b> after an order, with probability 12 % / 10 % / 8 % the customer answers an
 *       NPS (0–10) / CSAT (1–5) / CES (1–7, lower is easier) survey 1–7 days later; answers are a
 *       latent satisfaction (higher on paid plans) plus normal noise, rounded into range.
 * </ul>
 *
 * <p>Gamma variates by Marsaglia &amp; Tsang (2000), "A simple method for generating gamma
 * variables", ACM TOMS 26(3), with the {@code U^(1/a)} boost for shape below 1. Instances are
 * immutable; {@link #simulate()} is thread-safe (each call uses its own generator).
 */
public final class StoreSimulator {
  private static final String[] PLANS = {"basic", "plus", "pro"};
  private static final double[] PLAN_FACTOR = {1.0, 1.4, 2.0};
  private static final double SECONDS_PER_YEAR = 365.2425 * 86_400;

  private final long seed;
  private final int customers;
  private final LocalDate firstDay;
  private final LocalDate endExclusive;
  private final ZoneId zone;
  private final Currency currency;

  private StoreSimulator(
      long seed, int customers, LocalDate firstDay, LocalDate endExclusive, ZoneId zone,
      Currency currency) {
    this.seed = seed;
    this.customers = customers;
    this.firstDay = firstDay;
    this.endExclusive = endExclusive;
    this.zone = zone;
    this.currency = currency;
  }

  /**
   * The default store: 8,000 customers joining from 2023-01-01, observed up to and including
   * 2026-02-14, in USD, with calendar days in America/New_York.
   *
   * @param seed the seed
   * @return the simulator
   */
  public static StoreSimulator withSeed(long seed) {
    return new StoreSimulator(seed, 8_000, LocalDate.of(2023, 1, 1), LocalDate.of(2026, 2, 15),
        ZoneId.of("America/New_York"), Currency.getInstance("USD"));
  }

  /**
   * A copy with another number of customers.
   *
   * @param n the number of customers, at least 1
   * @return the copy
   */
  public StoreSimulator withCustomers(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("customers must be >= 1, was " + n);
    }
    return new StoreSimulator(seed, n, firstDay, endExclusive, zone, currency);
  }

  /**
   * The seed.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Simulates the store.
   *
   * @return customers, transactions and survey answers
   */
  public Store simulate() {
    SplittableRandom r = new SplittableRandom(seed);
    long t0 = firstDay.atStartOfDay(zone).toEpochSecond();
    long t1 = endExclusive.atStartOfDay(zone).toEpochSecond();
    double span = t1 - t0;
    List<Customer> people = new ArrayList<>(customers);
    List<Transaction> transactions = new ArrayList<>();
    List<SurveyResponse> surveys = new ArrayList<>();
    int orderNo = 0;
    int refundNo = 0;
    for (int c = 0; c < customers; c++) {
      String id = String.format(java.util.Locale.ROOT, "cus_%05d", c + 1);
      long joined = t0 + (long) (span * Math.sqrt(r.nextDouble()));
      double u = r.nextDouble();
      int plan = u < 0.6 ? 0 : u < 0.9 ? 1 : 2;
      people.add(Customer.of(id, java.time.Instant.ofEpochSecond(joined),
          Map.of("plan", PLANS[plan])));
      double perYear = gamma(r, 0.8, 4.0 / 0.8) * PLAN_FACTOR[plan];
      double lifetimeYears = -Math.log(1.0 - r.nextDouble()) * 1.5 * (plan == 0 ? 1 : PLAN_FACTOR[plan]);
      long dies = (long) Math.min((double) t1, joined + lifetimeYears * SECONDS_PER_YEAR);
      double meanValue = gamma(r, 4.0, 4800.0 / 4.0);
      double satisfaction = 0.78 + 0.06 * plan + 0.15 * r.nextGaussian();
      long t = joined;
      while (t < dies) {
        String orderId = String.format(java.util.Locale.ROOT, "ord_%07d", ++orderNo);
        long cents = Math.max(100, Math.round(gamma(r, 3.0, meanValue / 3.0)));
        transactions.add(
            Transaction.purchase(orderId, id, java.time.Instant.ofEpochSecond(t), cents, currency));
        if (r.nextDouble() < 0.03) {
          long when = t + 86_400L * (1 + r.nextInt(21)) + r.nextInt(86_400);
          long back = r.nextDouble() < 0.6 ? cents : 1 + r.nextLong(cents - 1);
          if (when < t1) {
            transactions.add(Transaction.refund(
                String.format(java.util.Locale.ROOT, "ref_%06d", ++refundNo), id,
                java.time.Instant.ofEpochSecond(when), back, currency, orderId));
          }
        }
        survey(r, surveys, id, t, t1, SurveyKind.NPS, 0.12, 10 * satisfaction, 1.2);
        survey(r, surveys, id, t, t1, SurveyKind.CSAT, 0.10, 1 + 4 * satisfaction, 0.8);
        survey(r, surveys, id, t, t1, SurveyKind.CES, 0.08, 7 - 6 * satisfaction, 1.0);
        if (perYear <= 0) {
          break;
        }
        t += (long) Math.ceil(-Math.log(1.0 - r.nextDouble()) / perYear * SECONDS_PER_YEAR);
      }
    }
    return new Store(people, transactions, surveys, zone, currency, firstDay,
        endExclusive.minusDays(1));
  }

  private static void survey(
      SplittableRandom r, List<SurveyResponse> out, String id, long orderTime, long end,
      SurveyKind kind, double probability, double mean, double sd) {
    if (r.nextDouble() >= probability) {
      return;
    }
    long when = orderTime + 86_400L * (1 + r.nextInt(7));
    long score = Math.round(mean + sd * r.nextGaussian());
    int s = (int) Math.max(kind.min(), Math.min(kind.max(), score));
    if (when < end) {
      out.add(SurveyResponse.of(id, java.time.Instant.ofEpochSecond(when), kind, s));
    }
  }

  /**
   * A Gamma(shape, scale) variate (Marsaglia &amp; Tsang 2000).
   *
   * @param r the generator
   * @param shape the shape, {@code > 0}
   * @param scale the scale, {@code > 0}
   * @return a variate with mean {@code shape × scale}
   */
  static double gamma(SplittableRandom r, double shape, double scale) {
    if (shape < 1) {
      double u = r.nextDouble();
      return gamma(r, shape + 1, scale) * Math.pow(u, 1.0 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1.0 / Math.sqrt(9 * d);
    while (true) {
      double x = r.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = r.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v * scale;
      }
    }
  }

  /**
   * A simulated store.
   *
   * @param customers the customers, with acquisition instant and a {@code plan} attribute
   * @param transactions purchases and refunds in time order per customer
   * @param surveys survey answers
   * @param zone the zone of the store's calendar
   * @param currency the currency of every amount
   * @param firstDay the first day of the simulation
   * @param lastDay the last observed day, inclusive
   */
  public record Store(
      List<Customer> customers, List<Transaction> transactions, List<SurveyResponse> surveys,
      ZoneId zone, Currency currency, LocalDate firstDay, LocalDate lastDay) {

    /**
     * Copies the lists.
     *
     * @throws NullPointerException if a part is null
     */
    public Store {
      customers = List.copyOf(customers);
      transactions = List.copyOf(transactions);
      surveys = List.copyOf(surveys);
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(currency, "currency");
      Objects.requireNonNull(firstDay, "firstDay");
      Objects.requireNonNull(lastDay, "lastDay");
    }
  }
}
