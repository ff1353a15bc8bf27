package dev.retention.fuzz;

import dev.retention.clv.ModelFitException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The outcome rules of the fuzz suite, applied to one call.
 *
 * <p><b>Exceptions.</b> Allowed: {@link IllegalArgumentException}, {@link IllegalStateException},
 * {@link ModelFitException}, and {@link NullPointerException} thrown by
 * {@code Objects.requireNonNull} or Guava's {@code checkNotNull} (the top stack frame says so:
 * a JVM-raised NPE from a dereference inside the library is a failure). An
 * {@link IndexOutOfBoundsException} is allowed only from an explicit index check of an index
 * accessor ({@code Objects.checkIndex}, or constructed by the library itself), as for
 * {@code List.get}; one raised by the JVM on an array access ({@code ArrayIndexOutOfBounds},
 * {@code StringIndexOutOfBounds}) is a failure. Never allowed: any {@link Error},
 * {@link ArithmeticException}, {@link ClassCastException}, {@link NegativeArraySizeException},
 * and any other exception type ({@code DateTimeException}, {@code UnsupportedOperationException}
 * that no javadoc documents, ...).
 *
 * <p><b>Messages</b> (heuristic). An allowed exception must have a non-blank message that names a
 * field and a rule: it contains one of the words {@link #RULE_WORDS} ("must", "was",
 * "expected", ...), or, for a {@code requireNonNull} NPE, it starts with the name of the
 * parameter or field (an identifier, optionally dotted, indexed or followed by a remark:
 * {@code "zone"}, {@code "ids[3]"}, {@code "activity (the spec uses activity events)"}). The JDK's
 * index-check message ("Index 5 out of bounds for length 2") counts (its rule is "out of
 * bounds"). A {@link ModelFitException} counts when its structured {@code reason()} is not blank
 * (it names the model, the reason and the data summary). A null or blank message is always a
 * failure.
 *
 * <p><b>Results.</b> Every {@code double} returned is finite; so is every element of a returned
 * {@code double[]}/{@code double[][]}, every present {@code OptionalDouble}, every element a
 * {@code void} method wrote into a caller's {@code double[]}, and every value of the result
 * object's public no-argument {@code double}, {@code double[]} and {@code OptionalDouble}
 * accessors (one level deep; an accessor may throw an allowed exception, e.g. {@code
 * Ratio.value()} when undefined). Bounds by name: {@code probability*}, {@code survival*},
 * {@code retentionRate}, {@code churnProbability} in [0, 1]; names containing
 * {@code "xpected"} ({@code expected*}, {@code conditionalExpected*},
 * {@code discountedExpected*}) {@code >= 0}; {@code correlation} in [-1, 1]. The one documented
 * pass-through, {@code Ratio.valueOr(fallback)} returning the caller's fallback, is exempt, and so
 * are a record's public canonical constructor and component accessors (they hand back the
 * caller's own components; the constructor is judged by what it rejects).
 */
final class Rules {
  private Rules() {}

  /** Failure kinds and good outcomes. */
  enum Kind {
    RESULT_OK(true),
    DOCUMENTED_EXCEPTION(true),
    SKIPPED(true),
    ERROR(false),
    ARITHMETIC(false),
    INDEX_OUT_OF_BOUNDS(false),
    CLASS_CAST(false),
    NEGATIVE_ARRAY_SIZE(false),
    IMPLICIT_NPE(false),
    UNDOCUMENTED_EXCEPTION(false),
    BAD_MESSAGE(false),
    NON_FINITE(false),
    OUT_OF_BOUNDS(false),
    HANG(false);

    final boolean good;

    Kind(boolean good) {
      this.good = good;
    }
  }

  /** One classified outcome: a kind and, for failures, what happened. */
  record Verdict(Kind kind, String detail) {
    static final Verdict OK = new Verdict(Kind.RESULT_OK, "");
  }

  static final List<String> RULE_WORDS = List.of(
      "must", "was", "expected", "not ", "needs", "undefined", "cannot", "only", "exceed",
      "overflow", "out of range", "out of bounds", "before", "after");

  private static final Pattern NAME_FIRST = Pattern.compile("^[A-Za-z_$][\\w$]*([.\\[ :(].*)?$");

  /** Classifies an exception thrown by the library (the cause of an InvocationTargetException). */
  static Verdict classify(Throwable t) {
    String where = where(t);
    String what = t.getClass().getName() + ": " + t.getMessage() + where;
    if (t instanceof Error) {
      return new Verdict(Kind.ERROR, what);
    }
    if (t instanceof ArithmeticException) {
      return new Verdict(Kind.ARITHMETIC, what);
    }
    if (t instanceof ClassCastException) {
      return new Verdict(Kind.CLASS_CAST, what);
    }
    if (t instanceof NegativeArraySizeException) {
      return new Verdict(Kind.NEGATIVE_ARRAY_SIZE, what);
    }
    if (t instanceof IndexOutOfBoundsException) {
      boolean explicit = topFrameIn(t, "java.util.Objects", "jdk.internal.util.Preconditions",
          "com.google.common.base.Preconditions")
          || (t.getClass() == IndexOutOfBoundsException.class
              && topFrameIn(t, "dev.retention."));
      return explicit ? message(t, what) : new Verdict(Kind.INDEX_OUT_OF_BOUNDS, what);
    }
    if (t instanceof NullPointerException) {
      boolean explicit = topFrameIn(t, "java.util.Objects", "com.google.common.base.Preconditions",
          "com.google.common.collect.CollectPreconditions");
      if (!explicit) {
        return new Verdict(Kind.IMPLICIT_NPE, what);
      }
      String m = t.getMessage();
      if (m != null && !m.isBlank() && NAME_FIRST.matcher(m.strip()).matches()) {
        return new Verdict(Kind.DOCUMENTED_EXCEPTION, "");
      }
      return message(t, what);
    }
    if (t instanceof ModelFitException f && f.reason() != null && !f.reason().isBlank()) {
      return new Verdict(Kind.DOCUMENTED_EXCEPTION, "");
    }
    if (t instanceof IllegalArgumentException || t instanceof IllegalStateException
        || t instanceof ModelFitException) {
      return message(t, what);
    }
    return new Verdict(Kind.UNDOCUMENTED_EXCEPTION, what);
  }

  private static Verdict message(Throwable t, String what) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return new Verdict(Kind.BAD_MESSAGE, what);
    }
    String lower = m.toLowerCase(Locale.ROOT);
    for (String w : RULE_WORDS) {
      if (lower.contains(w)) {
        return new Verdict(Kind.DOCUMENTED_EXCEPTION, "");
      }
    }
    return new Verdict(Kind.BAD_MESSAGE, what);
  }

  private static boolean topFrameIn(Throwable t, String... prefixes) {
    StackTraceElement[] st = t.getStackTrace();
    if (st.length == 0) {
      return false;
    }
    for (String p : prefixes) {
      if (st[0].getClassName().startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** The innermost library frame, to name the class at fault. */
  static String where(Throwable t) {
    for (StackTraceElement e : t.getStackTrace()) {
      if (e.getClassName().startsWith("dev.retention.")) {
        return " at " + e;
      }
    }
    return t.getStackTrace().length > 0 ? " at " + t.getStackTrace()[0] : "";
  }

  /** Checks a returned value (and, one level deep, a library result object's accessors). */
  static Verdict checkResult(String name, Object value, Object[] args, boolean deepCheck) {
    if (name.equals("valueOr") && value instanceof Double d && args.length == 1
        && args[0] instanceof Double f && Double.compare(d, f) == 0) {
      return Verdict.OK;
    }
    List<String> problems = new ArrayList<>();
    boolean[] bounds = {false};
    check(name, value, problems, bounds);
    if (deepCheck && problems.isEmpty() && value != null && value.getClass().getName()
        .startsWith("dev.retention.") && !value.getClass().isEnum()) {
      Verdict deep = deep(value, problems, bounds);
      if (deep != null) {
        return deep;
      }
    }
    if (problems.isEmpty()) {
      return Verdict.OK;
    }
    return new Verdict(bounds[0] ? Kind.OUT_OF_BOUNDS : Kind.NON_FINITE,
        String.join("; ", problems));
  }

  /** Checks the elements a void method wrote into caller arrays (those that changed). */
  static Verdict checkWritten(String name, Object[] before, Object[] after) {
    List<String> problems = new ArrayList<>();
    boolean[] bounds = {false};
    int outIndex = 0;
    for (int i = 0; i < after.length; i++) {
      if (after[i] instanceof double[] a && before[i] instanceof double[] b) {
        String n = name.equals("score") ? (outIndex++ == 0 ? "probabilityAlive"
            : "expectedPurchases") : name;
        for (int j = 0; j < a.length; j++) {
          if (Double.doubleToRawLongBits(a[j]) != Double.doubleToRawLongBits(b[j])) {
            check(n + "[out arg " + i + "][" + j + "]", a[j], problems, bounds);
          }
        }
      }
    }
    return problems.isEmpty() ? Verdict.OK
        : new Verdict(bounds[0] ? Kind.OUT_OF_BOUNDS : Kind.NON_FINITE,
            String.join("; ", problems));
  }

  private static Verdict deep(Object value, List<String> problems, boolean[] bounds) {
    List<Method> accessors = new ArrayList<>();
    for (Method m : value.getClass().getMethods()) {
      Class<?> rt = m.getReturnType();
      if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
          && m.getDeclaringClass().getName().startsWith("dev.retention.")
          && (rt == double.class || rt == double[].class || rt == double[][].class
              || rt == OptionalDouble.class)) {
        accessors.add(m);
      }
    }
    accessors.sort(Comparator.comparing(Method::getName));
    for (Method m : accessors) {
      Object v;
      try {
        m.setAccessible(true);
        v = m.invoke(value);
      } catch (InvocationTargetException e) {
        Verdict x = classify(e.getCause());
        if (!x.kind().good) {
          return new Verdict(x.kind(), "in result accessor " + m.getName() + "(): " + x.detail());
        }
        continue;
      } catch (ReflectiveOperationException | RuntimeException e) {
        continue;
      }
      check("result." + m.getName() + "()", v, problems, bounds);
    }
    return null;
  }

  private static void check(String name, Object v, List<String> problems, boolean[] bounds) {
    if (v instanceof Double d) {
      checkOne(name, d, problems, bounds);
    } else if (v instanceof double[] a) {
      for (int i = 0; i < a.length && problems.size() < 3; i++) {
        checkOne(name + "[" + i + "]", a[i], problems, bounds);
      }
    } else if (v instanceof double[][] a) {
      for (int i = 0; i < a.length && problems.size() < 3; i++) {
        for (int j = 0; j < a[i].length && problems.size() < 3; j++) {
          checkOne(name + "[" + i + "][" + j + "]", a[i][j], problems, bounds);
        }
      }
    } else if (v instanceof OptionalDouble o && o.isPresent()) {
      checkOne(name, o.getAsDouble(), problems, bounds);
    }
  }

  private static void checkOne(String name, double d, List<String> problems, boolean[] bounds) {
    if (!Double.isFinite(d)) {
      problems.add(name + " = " + d);
      return;
    }
    String base = name.startsWith("result.") ? name.substring("result.".length()) : name;
    double lo = Double.NEGATIVE_INFINITY;
    double hi = Double.POSITIVE_INFINITY;
    if (base.startsWith("probability") || base.startsWith("survival")
        || base.startsWith("retentionRate") || base.startsWith("churnProbability")) {
      lo = 0;
      hi = 1;
    } else if (base.contains("xpected")) {
      lo = 0;
    } else if (base.startsWith("correlation")) {
      lo = -1;
      hi = 1;
    }
    if (d < lo || d > hi) {
      bounds[0] = true;
      problems.add(name + " = " + d + " outside [" + lo + ", " + hi + "]");
    }
  }

  static boolean isGood(Verdict v) {
    return v.kind().good;
  }
}
