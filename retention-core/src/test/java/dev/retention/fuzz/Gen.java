package dev.retention.fuzz;

import com.google.common.collect.ImmutableMap;
import dev.retention.clv.BetaGeometricBetaBinomialData;
import dev.retention.clv.BetaGeometricBetaBinomialModel;
import dev.retention.clv.BgNbdModel;
import dev.retention.clv.ClvCalculator;
import dev.retention.clv.ClvResult;
import dev.retention.clv.HoldoutComparison;
import dev.retention.clv.ModelFit;
import dev.retention.clv.CustomerBaseModel;
import dev.retention.clv.CustomerBaseSimulator;
import dev.retention.clv.FitOptions;
import dev.retention.clv.GammaGammaData;
import dev.retention.clv.GammaGammaModel;
import dev.retention.clv.MbgNbdModel;
import dev.retention.clv.ParetoNbdModel;
import dev.retention.clv.RecencyFrequencyData;
import dev.retention.clv.ShiftedBetaGeometricData;
import dev.retention.clv.ShiftedBetaGeometricModel;
import dev.retention.data.ActivityLog;
import dev.retention.data.Transaction;
import dev.retention.data.TransactionLog;
import dev.retention.segment.RfmRule;
import dev.retention.summary.CustomerSummaries;
import dev.retention.summary.SummarySpec;
import dev.retention.time.Granularity;
import dev.retention.time.ModelTimeUnit;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/**
 * A seeded generator of arguments and receivers, keyed by parameter type. Library types come from
 * small curated factories that build hostile but valid instances (extreme instants in several
 * zones, amounts near {@code Long.MAX_VALUE}, ids with control, zero-width and non-BMP characters,
 * empty and single-customer data, models with extreme parameters) or, for any other library type,
 * from the library's own public producers of that type (static factories, constructors, and
 * instance methods returning it, with generated receivers and arguments), retried until one
 * succeeds. A generator holds one case's random stream: the same seed gives the same arguments.
 */
final class Gen {
  /** Thrown when no instance of a type could be built for a case (the case is skipped). */
  static final class GenerationFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GenerationFailed(String message) {
      super(message, null, false, false);
    }
  }

  private static final int MAX_DEPTH = 3;
  private static final Map<Class<?>, List<Executable>> PRODUCERS = producers();

  final SplittableRandom r;
  /** Probability that a primitive, string, instant... is drawn from the hostile pool. */
  final double h;
  private final ModelTimeUnit unit;
  private LocalDate anchor;
  private int depth;
  /** The length most arrays of one call share, so that parallel arrays often agree. */
  private int callLength;

  Gen(long seed, double hostility) {
    this.r = new SplittableRandom(seed);
    this.h = hostility;
    ModelTimeUnit[] units = ModelTimeUnit.values();
    this.unit = units[r.nextInt(units.length)];
  }

  /**
   * Work-size parameters: a count of things the caller asks the library to make (customers to
   * simulate, grid points, curve length, pre-sized rows). A huge valid size is legitimate work, not
   * hostile input, and would only measure the machine's memory and speed; hostile draws for these
   * are {0, 1, -1, Integer.MIN_VALUE, 2000}. Keyed {@code DeclaringType#method} to parameter
   * indices.
   */
  static final Map<String, int[]> WORK_SIZES = Map.of(
      "BetaGeometricBetaBinomialSimulator#simulate", new int[] {0, 1},
      "ShiftedBetaGeometricSimulator#simulate", new int[] {0, 1},
      "Diagnostics#trackingCurve", new int[] {4},
      "Diagnostics#frequencyHistogram", new int[] {2},
      "ClvCalculator#withPeriods", new int[] {0},
      "Builder#expectedSize", new int[] {0},
      "ShiftedBetaGeometricModel#survivalCurve", new int[] {0});

  private static final int[] WORK_SIZE_POOL = {0, 1, -1, Integer.MIN_VALUE, 2000};

  /** Arguments for an executable; reference arguments are sometimes null when hostile. */
  Object[] args(Executable e) {
    Type[] types = e.getGenericParameterTypes();
    Class<?>[] raw = e.getParameterTypes();
    Object[] out = new Object[types.length];
    callLength = freeLength();
    int[] sizes = WORK_SIZES.getOrDefault(e.getDeclaringClass().getSimpleName() + "#"
        + e.getName(), new int[0]);
    for (int i = 0; i < types.length; i++) {
      final int index = i;
      if (raw[i] == int.class && java.util.Arrays.stream(sizes).anyMatch(k -> k == index)) {
        out[i] = Hostile.hostile(r, h) ? WORK_SIZE_POOL[r.nextInt(WORK_SIZE_POOL.length)]
            : r.nextInt(0, 13);
      } else if (!raw[i].isPrimitive() && r.nextDouble() < h * 0.06) {
        out[i] = null;
      } else if (e.isVarArgs() && i == types.length - 1) {
        out[i] = array(raw[i].getComponentType(), types[i]);
      } else {
        out[i] = value(types[i]);
      }
    }
    return out;
  }

  /** A non-null instance of a public library type, for an instance method. */
  Object receiver(Class<?> c) {
    Object o = value(c);
    if (o == null) {
      throw new GenerationFailed("no receiver of " + c.getName());
    }
    return o;
  }

  Object value(Type type) {
    if (type instanceof Class<?> c) {
      return value(c);
    }
    if (type instanceof ParameterizedType p) {
      return parameterized(p);
    }
    if (type instanceof TypeVariable<?> v) {
      return value(v.getBounds()[0]);
    }
    if (type instanceof WildcardType w) {
      return value(w.getUpperBounds()[0]);
    }
    if (type instanceof java.lang.reflect.GenericArrayType g) {
      Type comp = g.getGenericComponentType();
      Class<?> raw = comp instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
      return array(raw, comp);
    }
    throw new GenerationFailed("no generator for " + type);
  }

  private Object value(Class<?> c) {
    if (c == int.class || c == Integer.class) {
      return Hostile.anInt(r, h);
    }
    if (c == long.class || c == Long.class) {
      return Hostile.aLong(r, h);
    }
    if (c == double.class || c == Double.class) {
      return Hostile.aDouble(r, h);
    }
    if (c == boolean.class || c == Boolean.class) {
      return r.nextBoolean();
    }
    if (c == String.class) {
      return Hostile.aString(r, h);
    }
    if (c == Instant.class) {
      return Hostile.anInstant(r, h);
    }
    if (c == LocalDate.class) {
      return date();
    }
    if (c == ZoneId.class) {
      return Hostile.aZone(r, h);
    }
    if (c == Currency.class) {
      return Hostile.aCurrency(r, h);
    }
    if (c == ModelTimeUnit.class && !Hostile.hostile(r, h)) {
      return unit;
    }
    if (c.isEnum()) {
      Object[] constants = c.getEnumConstants();
      return constants[r.nextInt(constants.length)];
    }
    if (c.isArray()) {
      return array(c.getComponentType(), c.getComponentType());
    }
    if (c == Appendable.class || c == CharSequence.class || c == StringBuilder.class) {
      return new StringBuilder();
    }
    if (c == Object.class) {
      return r.nextBoolean() ? Hostile.aString(r, h) : Hostile.aDouble(r, h);
    }
    if (c == IntPredicate.class) {
      int m = r.nextInt(1, 4);
      return (IntPredicate) i -> Math.floorMod(i, m) == 0;
    }
    if (c.getName().startsWith("dev.retention.")) {
      return library(c);
    }
    throw new GenerationFailed("no generator for " + c.getName());
  }

  private LocalDate date() {
    if (anchor != null && !Hostile.hostile(r, h) && r.nextInt(3) > 0) {
      return Hostile.aDateNear(r, 0, anchor);
    }
    return Hostile.aDate(r, h);
  }

  private int length() {
    return r.nextInt(5) == 0 ? freeLength() : callLength;
  }

  private int freeLength() {
    int[] lengths = {0, 1, 1, 2, 3, 5, 8, 20};
    return Hostile.hostile(r, h * 0.2) ? 200 : lengths[r.nextInt(lengths.length)];
  }

  private Object array(Class<?> component, Type genericComponent) {
    int n = length();
    Object a = Array.newInstance(component, n);
    for (int i = 0; i < n; i++) {
      Object v = component.isPrimitive() ? value(component) : element(genericComponent);
      Array.set(a, i, v);
    }
    return a;
  }

  private Object element(Type t) {
    return r.nextDouble() < h * 0.03 ? null : value(t);
  }

  private Object parameterized(ParameterizedType p) {
    Class<?> raw = (Class<?>) p.getRawType();
    Type[] a = p.getActualTypeArguments();
    if (raw == Function.class) {
      // a deterministic function of its argument, drawing its values up front
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        values.add(value(a[1]));
      }
      return (Function<Object, Object>) x -> values.get(Math.floorMod(String.valueOf(x).hashCode(),
          values.size()));
    }
    int n = Math.min(length(), 8);
    if (Map.class.isAssignableFrom(raw)) {
      Map<Object, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        Object k = a[0] == String.class ? Hostile.anId(r, h, i) : value(a[0]);
        m.put(k, element(a[1]));
      }
      if (raw == ImmutableMap.class) {
        Map<Object, Object> clean = new HashMap<>();
        m.forEach((k, v) -> {
          if (k != null && v != null) {
            clean.put(k, v);
          }
        });
        return ImmutableMap.copyOf(clean);
      }
      return m;
    }
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(a[0] == String.class && r.nextBoolean() ? Hostile.anId(r, h, i) : element(a[0]));
    }
    if (raw == Set.class) {
      return new LinkedHashSet<>(list);
    }
    if (raw == Stream.class) {
      return list.stream();
    }
    if (raw == List.class || raw == Collection.class || raw == Iterable.class) {
      return list;
    }
    throw new GenerationFailed("no generator for " + p);
  }

  // ---------------------------------------------------------------- library types

  private Object library(Class<?> c) {
    if (depth > MAX_DEPTH) {
      throw new GenerationFailed("too deep building " + c.getName());
    }
    depth++;
    try {
      Object curated = curated(c);
      if (curated != null) {
        return curated;
      }
      return produce(c);
    } finally {
      depth--;
    }
  }

  /** Builds {@code c} through one of the library's public producers, retrying on any failure. */
  private Object produce(Class<?> c) {
    List<Executable> producers = PRODUCERS.getOrDefault(c, List.of());
    if (producers.isEmpty()) {
      throw new GenerationFailed("no public producer of " + c.getName());
    }
    RuntimeException last = null;
    for (int attempt = 0; attempt < 8; attempt++) {
      Executable e = producers.get(r.nextInt(producers.size()));
      try {
        Object recv = e instanceof Method m && !java.lang.reflect.Modifier.isStatic(m.getModifiers())
            ? receiver(m.getDeclaringClass().isInterface() || !isPublic(m.getDeclaringClass())
                ? c : m.getDeclaringClass())
            : null;
        Object[] args = args(e);
        Object o = e instanceof Constructor<?> k ? k.newInstance(args)
            : ((Method) e).invoke(recv, args);
        if (o != null) {
          return o;
        }
      } catch (InvocationTargetException ex) {
        last = new GenerationFailed(String.valueOf(ex.getCause()));
      } catch (ReflectiveOperationException | RuntimeException ex) {
        last = ex instanceof RuntimeException re ? re : new GenerationFailed(ex.toString());
      } catch (StackOverflowError | OutOfMemoryError err) {
        last = new GenerationFailed(err.toString());
      }
    }
    throw new GenerationFailed("could not build " + c.getName() + ": " + last);
  }

  private static boolean isPublic(Class<?> c) {
    return java.lang.reflect.Modifier.isPublic(c.getModifiers());
  }

  private static Map<Class<?>, List<Executable>> producers() {
    Map<Class<?>, List<Executable>> m = new HashMap<>();
    for (ApiSurface.EntryPoint e : ApiSurface.entryPoints()) {
      Class<?> t = e.returnType();
      if (t.getName().startsWith("dev.retention.") && !t.isEnum()) {
        if (e.executable() instanceof Method meth && !meth.getDeclaringClass().getName()
            .startsWith("dev.retention.")) {
          continue;
        }
        m.computeIfAbsent(t, k -> new ArrayList<>()).add(e.executable());
      }
    }
    return m;
  }

  /** Curated factories for the types whose hostile-but-valid shape matters most; else null. */
  private Object curated(Class<?> c) {
    if (c == TransactionLog.class) {
      return transactionLog();
    }
    if (c == TransactionLog.Builder.class) {
      farRowOdds = 2;
      return transactionLogBuilder(Hostile.aCurrency(r, h), Hostile.aZone(r, h));
    }
    if (c == ActivityLog.class) {
      return activityLogBuilder().build();
    }
    if (c == ActivityLog.Builder.class) {
      return activityLogBuilder();
    }
    if (c == RecencyFrequencyData.class) {
      return recencyFrequencyData();
    }
    if (c == CustomerSummaries.class) {
      return customerSummaries();
    }
    if (c == SummarySpec.class) {
      return summarySpec();
    }
    if (c == CustomerBaseModel.class) {
      Class<?>[] impls = {BgNbdModel.class, MbgNbdModel.class, ParetoNbdModel.class};
      return library(impls[r.nextInt(impls.length)]);
    }
    if (c == BgNbdModel.class || c == MbgNbdModel.class || c == ParetoNbdModel.class) {
      return customerBaseModel(c);
    }
    if (c == BetaGeometricBetaBinomialModel.class) {
      return BetaGeometricBetaBinomialModel.of(modelParameter(), modelParameter(),
          modelParameter(), modelParameter());
    }
    if (c == ShiftedBetaGeometricModel.class) {
      return r.nextInt(12) == 0 ? fitted(c) : ShiftedBetaGeometricModel.of(modelParameter(),
          modelParameter());
    }
    if (c == GammaGammaModel.class) {
      return GammaGammaModel.of(modelParameter(), modelParameter(), modelParameter());
    }
    if (c == BetaGeometricBetaBinomialData.class) {
      return bgbbData();
    }
    if (c == ShiftedBetaGeometricData.class) {
      return sbgData();
    }
    if (c == GammaGammaData.class) {
      return gammaGammaData();
    }
    if (c == FitOptions.class) {
      return fitOptions();
    }
    if (c == ModelFit.class) {
      return modelFit();
    }
    if (c == RfmRule.class) {
      return rfmRule();
    }
    if (c == ClvResult.class) {
      return clvResult();
    }
    if (c == HoldoutComparison.class) {
      int n = Math.max(1, freeLength());
      double[] p = new double[n];
      double[] a = new double[n];
      for (int i = 0; i < n; i++) {
        p[i] = Hostile.aDouble(r, 0);
        a[i] = Hostile.hostile(r, h) ? r.nextBoolean() ? 0 : 1e12 : Hostile.aDouble(r, 0);
      }
      return HoldoutComparison.of(p, a);
    }
    if (c == Transaction.class && r.nextBoolean()) {
      return Transaction.purchase(Hostile.anId(r, h, r.nextInt(100)),
          Hostile.anId(r, h, r.nextInt(5)), Hostile.anInstant(r, h), amount(),
          Currency.getInstance("USD"));
    }
    return null;
  }

  /** A fit summary with valid structure and extreme (finite) values. */
  private ModelFit modelFit() {
    int k = r.nextInt(1, 5);
    List<String> names = new ArrayList<>();
    double[] p = new double[k];
    double[][] cov = new double[k][k];
    for (int i = 0; i < k; i++) {
      names.add(i == 0 ? Hostile.aString(r, h) + "p0" : "p" + i);
      p[i] = modelParameter();
      cov[i][i] = Hostile.hostile(r, h) ? r.nextBoolean() ? 0 : 1e300 : r.nextDouble(1e-4, 1);
    }
    double[] ll = {-1e300, -1e6, -0.0, -123.5};
    double logLik = Hostile.hostile(r, h) ? ll[r.nextInt(ll.length)] : -r.nextDouble(1, 1e4);
    double[] obs = {Double.MIN_VALUE, 1, 1e15, 1e300};
    double observations = Hostile.hostile(r, h) ? obs[r.nextInt(obs.length)] : r.nextInt(1, 5000);
    int iterations = r.nextInt(0, 200);
    int evaluations = Hostile.hostile(r, h) ? r.nextInt(0, 10_000) : iterations + r.nextInt(0, 50);
    ModelFit fit = ModelFit.of("BG/NBD", names, p, logLik, iterations, evaluations,
        r.nextDouble(0, 1e-3), r.nextBoolean(), cov, observations,
        r.nextBoolean() ? unit : null, r.nextBoolean() ? 0 : Hostile.aDouble(r, 0));
    return fit;
  }

  private RfmRule rfmRule() {
    String name = Hostile.aString(r, h) + "segment";
    int lo = r.nextInt(1, 4);
    int hi = r.nextInt(lo, 6);
    switch (r.nextInt(3)) {
      case 0:
        return RfmRule.ranges(name, lo, hi, 1, r.nextInt(1, 6), r.nextInt(1, 3), 5);
      case 1:
        return RfmRule.codes(name, 100 * lo + 10 * hi + 1, 555);
      default:
        return RfmRule.recencyAndFmAverage(name, lo, hi, 1.0, 0.5 * r.nextInt(2, 11));
    }
  }

  private ClvResult clvResult() {
    RecencyFrequencyData d = recencyFrequencyData();
    ClvCalculator calc = ClvCalculator.of((CustomerBaseModel) library(CustomerBaseModel.class));
    if (r.nextBoolean()) {
      calc = calc.withPeriods(r.nextInt(1, 24));
    }
    double[] spend = new double[d.size()];
    for (int i = 0; i < spend.length; i++) {
      spend[i] = Hostile.hostile(r, h) ? 1e12 : r.nextDouble(1, 500);
    }
    return calc.compute(d, spend, r.nextBoolean());
  }

  /** A model parameter: positive and finite, log-uniform in [0.05, 20] or extreme. */
  double modelParameter() {
    if (Hostile.hostile(r, h)) {
      double[] extreme = {1e-12, 1e-8, 1e-4, 0.999999, 1.000001, 1e4, 1e8, 1e12, 1e-300, 1e300};
      return extreme[r.nextInt(extreme.length)];
    }
    return Math.exp(r.nextDouble(Math.log(0.05), Math.log(20)));
  }

  long amount() {
    if (Hostile.hostile(r, h)) {
      long[] amounts = {0, 1, Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE / 2,
          Long.MAX_VALUE / 3 + 1, 1L << 53, (1L << 53) + 1, 999_999_999_999_999L};
      return amounts[r.nextInt(amounts.length)];
    }
    return r.nextLong(1, 100_000);
  }

  /** A base epoch second: plausible, or near the ends of what Instant and LocalDate hold. */
  private long baseSecond() {
    if (!Hostile.hostile(r, h)) {
      return Hostile.plausibleEpochSecond(r);
    }
    long[] bases = {Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond() - 86_400L * 30,
        -62_135_596_800L, 253_402_300_799L - 86_400L * 30, 0L, -1L,
        LocalDate.MIN.toEpochDay() * 86_400L, LocalDate.MAX.toEpochDay() * 86_400L - 86_400L * 30,
        Integer.MIN_VALUE * 86_400L, Integer.MAX_VALUE * 86_400L, Long.MIN_VALUE,
        Long.MAX_VALUE - 86_400L * 30};
    return bases[r.nextInt(bases.length)];
  }

  private int customers() {
    int[] counts = {0, 1, 1, 2, 3, 5, 8, 12};
    return counts[r.nextInt(counts.length)];
  }

  private TransactionLog transactionLog() {
    Currency currency = Hostile.aCurrency(r, h);
    ZoneId zone = Hostile.aZone(r, h);
    TransactionLog.Builder b = transactionLogBuilder(currency, zone);
    try {
      return b.build();
    } catch (RuntimeException | StackOverflowError e) {
      // build() is fuzzed on its own; fall back to a plain log so that consumers are reached
      TransactionLog.Builder plain = TransactionLog.builder(currency, zone);
      plain.purchase("c1", Hostile.plausibleEpochSecond(r), 100);
      return plain.build();
    }
  }

  /**
   * One in how many most-hostile logs gets a far row: often for a builder (whose methods, build()
   * included, meet the far row first), rarely for a built log handed to a consumer.
   */
  private int farRowOdds = 12;

  private TransactionLog.Builder transactionLogBuilder(Currency currency, ZoneId zone) {
    TransactionLog.Builder b = TransactionLog.builder(currency, zone);
    if (r.nextInt(4) == 0) {
      b.duplicateOrders(TransactionLog.DuplicateOrders.MERGE_LINE_ITEMS);
    }
    int n = customers();
    long base = baseSecond();
    boolean numeric = r.nextInt(6) == 0;
    long maxSecond = Long.MIN_VALUE;
    // rows lie within 400 days of the (possibly extreme) base; in the most hostile cases one row
    // may lie anywhere (a span of centuries or more, or a second that no Instant holds)
    int farRow = h >= 0.8 && r.nextInt(farRowOdds) == 0 ? r.nextInt(0, 12) : -1;
    int row = 0;
    for (int i = 0; i < n; i++) {
      String id = Hostile.anId(r, h, i);
      int rows = r.nextInt(1, 5);
      for (int j = 0; j < rows; j++) {
        long second = row++ == farRow ? Hostile.LONGS[r.nextInt(Hostile.LONGS.length)]
            : saturatedAdd(base, r.nextLong(0, 400L * 86_400L));
        long amt = amount();
        try {
          int kind = r.nextInt(10);
          if (numeric) {
            if (kind == 0) {
              b.refund(i + (long) r.nextInt(0, 2) * Integer.MAX_VALUE, second, Math.max(1, amt));
            } else {
              b.purchase(i, second, amt);
            }
          } else if (kind == 0) {
            b.refund(id, second, Math.max(1, amt));
          } else if (kind < 3) {
            b.purchase(id, Instant.ofEpochSecond(second), amt);
          } else if (kind < 5) {
            b.add(Transaction.purchase("o" + i + "-" + j, id, Instant.ofEpochSecond(second), amt,
                currency));
          } else if (kind == 5) {
            b.purchase(id, LocalDate.ofEpochDay(Math.floorDiv(second, 86_400L)), amt);
          } else {
            b.purchase(id, second, amt);
          }
          maxSecond = Math.max(maxSecond, second);
        } catch (RuntimeException e) {
          // the row was rejected (documented or not: each add method is fuzzed on its own)
        }
      }
    }
    if (maxSecond != Long.MIN_VALUE) {
      try {
        anchor = LocalDate.ofInstant(Instant.ofEpochSecond(maxSecond), zone);
      } catch (RuntimeException e) {
        anchor = null;
      }
    }
    return b;
  }

  private static long saturatedAdd(long a, long b) {
    long s = a + b;
    return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
  }

  private ActivityLog.Builder activityLogBuilder() {
    ZoneId zone = Hostile.aZone(r, h);
    ActivityLog.Builder b = ActivityLog.builder(zone);
    int n = customers();
    long base = baseSecond();
    String[] types = {"login", "view", "purchase", Hostile.aString(r, h)};
    for (int i = 0; i < n; i++) {
      String id = Hostile.anId(r, h, i);
      int rows = r.nextInt(1, 5);
      for (int j = 0; j < rows; j++) {
        long second = saturatedAdd(base, r.nextLong(0, 400L * 86_400L));
        try {
          if (r.nextBoolean()) {
            b.add(id, second, types[r.nextInt(types.length)]);
          } else {
            b.add(id, Instant.ofEpochSecond(second), types[r.nextInt(types.length)]);
          }
          anchor = LocalDate.ofInstant(Instant.ofEpochSecond(second), zone);
        } catch (RuntimeException e) {
          // rejected row: ActivityLog.Builder#add is fuzzed on its own
        }
      }
    }
    return b;
  }

  private RecencyFrequencyData recencyFrequencyData() {
    if (r.nextInt(6) == 0) {
      try {
        return RecencyFrequencyData.from(customerSummaries());
      } catch (RuntimeException e) {
        // fall through to a direct construction
      }
    }
    int n = customers();
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      boolean extreme = Hostile.hostile(r, h);
      double[] ages = {1e-9, 1e-3, 0.5, 1e4, 1e6, 1e9};
      age[i] = extreme ? ages[r.nextInt(ages.length)] : r.nextDouble(1, 100);
      double[] counts = {0, 1, 1000, 1e5, 1e7};
      x[i] = Hostile.hostile(r, h) ? counts[r.nextInt(counts.length)] : r.nextInt(0, 12);
      if (x[i] == 0) {
        tx[i] = 0;
      } else {
        switch (r.nextInt(5)) {
          case 0:
            tx[i] = age[i];
            break;
          case 1:
            tx[i] = Math.nextDown(age[i]);
            break;
          case 2:
            tx[i] = age[i] * 1e-12;
            break;
          default:
            tx[i] = age[i] * r.nextDouble();
        }
      }
      double[] weights = {1, 0.5, 3, 1e-6, 1e6};
      w[i] = weights[r.nextInt(weights.length)];
    }
    try {
      return r.nextInt(5) == 0 ? RecencyFrequencyData.ofWeighted(x, tx, age, w, unit)
          : RecencyFrequencyData.of(x, tx, age, unit);
    } catch (RuntimeException e) {
      return RecencyFrequencyData.of(new double[] {1}, new double[] {0.5}, new double[] {2}, unit);
    }
  }

  private SummarySpec summarySpec() {
    SummarySpec s = SummarySpec.asOf(date());
    try {
      if (r.nextInt(4) == 0) {
        s = s.from(date());
      }
      if (r.nextInt(3) == 0) {
        Granularity[] g = Granularity.values();
        s = s.withPeriod(g[r.nextInt(g.length)]);
      }
      s = s.withTimeUnit(unit);
    } catch (RuntimeException e) {
      // an invalid refinement: keep what was valid (each with* is fuzzed on its own)
    }
    return s;
  }

  private CustomerSummaries customerSummaries() {
    TransactionLog log = transactionLog();
    for (int attempt = 0; attempt < 4; attempt++) {
      try {
        return CustomerSummaries.compute(log, summarySpec(), r.nextBoolean());
      } catch (RuntimeException e) {
        // retry with another spec
      }
    }
    return CustomerSummaries.of(log, SummarySpec.asOf(LocalDate.of(2030, 1, 1))
        .withTimeUnit(unit));
  }

  private Object customerBaseModel(Class<?> c) {
    if (c != ParetoNbdModel.class && r.nextInt(24) == 0) {
      Object f = fitted(c);
      if (f != null) {
        return f;
      }
    }
    double p1 = modelParameter();
    double p2 = modelParameter();
    double p3 = modelParameter();
    double p4 = modelParameter();
    if (c == BgNbdModel.class) {
      return BgNbdModel.of(p1, p2, p3, p4, unit);
    }
    if (c == MbgNbdModel.class) {
      return MbgNbdModel.of(p1, p2, p3, p4, unit);
    }
    return ParetoNbdModel.of(p1, p2, p3, p4, unit);
  }

  /** A model fitted to simulated data (a fitted model carries a {@code ModelFit}), or null. */
  private Object fitted(Class<?> c) {
    try {
      if (c == ShiftedBetaGeometricModel.class) {
        return ShiftedBetaGeometricModel.fit(ShiftedBetaGeometricData.of(1000, 631, 468, 382, 326));
      }
      double[] ages = new double[r.nextInt(20, 40)];
      for (int i = 0; i < ages.length; i++) {
        ages[i] = r.nextDouble(5, 40);
      }
      CustomerBaseSimulator.Process p = c == BgNbdModel.class ? CustomerBaseSimulator.Process.BG_NBD
          : c == MbgNbdModel.class ? CustomerBaseSimulator.Process.MBG_NBD
          : CustomerBaseSimulator.Process.PARETO_NBD;
      RecencyFrequencyData d = CustomerBaseSimulator.simulate(p, 0.5, 4, 0.8, 2.5, ages, 0, unit,
          r.nextLong());
      FitOptions o = FitOptions.defaults().withMaxIterations(200);
      return c == BgNbdModel.class ? BgNbdModel.fit(d, o) : c == MbgNbdModel.class
          ? MbgNbdModel.fit(d, o) : ParetoNbdModel.fit(d, o);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private BetaGeometricBetaBinomialData bgbbData() {
    int n = Math.max(1, customers());
    int[] x = new int[n];
    int[] tx = new int[n];
    int[] periods = new int[n];
    for (int i = 0; i < n; i++) {
      int[] big = {1, 100, 1000};
      periods[i] = Hostile.hostile(r, h) ? big[r.nextInt(big.length)] : r.nextInt(1, 12);
      x[i] = r.nextInt(0, periods[i] + 1);
      tx[i] = x[i] == 0 ? 0 : r.nextBoolean() ? periods[i] : r.nextInt(x[i], periods[i] + 1);
    }
    try {
      return BetaGeometricBetaBinomialData.of(x, tx, periods);
    } catch (RuntimeException e) {
      return BetaGeometricBetaBinomialData.of(new int[] {1, 0}, new int[] {3, 0},
          new int[] {6, 6});
    }
  }

  private ShiftedBetaGeometricData sbgData() {
    long[] sizes = {1, 10, 1000, 1_000_000_000_000L, Long.MAX_VALUE / 2, Long.MAX_VALUE};
    long size = Hostile.hostile(r, h) ? sizes[r.nextInt(sizes.length)] : r.nextLong(2, 5000);
    long[] s = new long[r.nextInt(2, 10)];
    s[0] = size;
    for (int i = 1; i < s.length; i++) {
      int mode = r.nextInt(6);
      s[i] = mode == 0 ? s[i - 1] : mode == 1 ? 0 : (long) (s[i - 1] * r.nextDouble(0.3, 1));
    }
    try {
      return ShiftedBetaGeometricData.of(s);
    } catch (RuntimeException e) {
      return ShiftedBetaGeometricData.of(1000, 631, 468);
    }
  }

  private GammaGammaData gammaGammaData() {
    int n = Math.max(1, customers());
    int[] x = new int[n];
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Hostile.hostile(r, h) ? 1000 : r.nextInt(1, 10);
      double[] spends = {1e-6, 1e-300, 1e6, 1e12, 1e300};
      m[i] = Hostile.hostile(r, h) ? spends[r.nextInt(spends.length)] : r.nextDouble(1, 200);
    }
    try {
      return GammaGammaData.of(x, m);
    } catch (RuntimeException e) {
      return GammaGammaData.of(new int[] {2}, new double[] {35});
    }
  }

  private FitOptions fitOptions() {
    FitOptions o = FitOptions.defaults();
    try {
      if (r.nextBoolean()) {
        o = o.withMaxIterations(r.nextInt(1, 300));
      }
      if (r.nextInt(3) == 0) {
        o = o.withPenalty(Hostile.aDouble(r, h));
      }
      if (r.nextInt(3) == 0) {
        o = o.withGradientTolerance(Hostile.aDouble(r, h));
      }
      if (r.nextInt(3) == 0) {
        o = o.withRequireConvergence(r.nextBoolean());
      }
    } catch (RuntimeException e) {
      // keep the valid refinements
    }
    return o;
  }
}
