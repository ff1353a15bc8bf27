"""Shared machinery of the reference-grid generators (see README.md in this folder).

Each generator script defines, per prediction, a function of mpmath numbers evaluated from the
papers' formulas (never from our Java code) and a list of points (tuples of Python floats and ints:
the exact binary doubles and ints the Java test passes in). `Grid.add` evaluates a point at 50 and
at 80 significant digits, keeps it only when both agree to 1e-20 relative, computes the condition
number kappa of the prediction with respect to its double (non-integer) inputs, and records the
method that produced the value. `Grid.write` writes a gzipped TSV that
`dev.retention.testing.ReferenceGrid` (test sources) reads, and prints the count per prediction
and method. No point is dropped silently: every rejected point is counted and printed by reason.

Row format (tab-separated, '#' lines are comments):
    prediction  method  kappa  value  input_1 ... input_k
`value` has 30 significant digits; inputs are Python `repr` of floats (shortest round-trip, parsed
exactly by Java's Double.parseDouble) or plain ints.
"""
import collections
import gzip
import sys
import time

import mpmath
from mpmath import mp, mpf

AGREE = mpf(10) ** -20
KAPPA_STEP = mpf(10) ** -12


class NoValue(Exception):
    """Raised by a method that cannot evaluate a point (so the next method is tried)."""


def _to_mp(v):
    return v if isinstance(v, int) else mpf(v)


def _eval(methods, args, dps):
    """Tries each (name, fn) in turn at the given precision; returns (name, value)."""
    last = None
    for name, fn in methods:
        with mp.workdps(dps):
            try:
                v = fn(*[_to_mp(a) for a in args])
                if v is None or not mpmath.isfinite(v):
                    raise NoValue("not finite: %s" % (v,))
                return name, +v
            except (NoValue, mpmath.libmp.NoConvergence, ZeroDivisionError, ValueError) as e:
                last = e
                continue
    raise NoValue(str(last))


class Grid:
    """Collects the points of one generator run."""

    def __init__(self, title):
        self.title = title
        self.rows = []
        self.counts = collections.Counter()
        self.rejected = collections.Counter()
        self.started = time.time()

    def add(self, prediction, methods, args, kappa_dps=30):
        """Evaluates one point.

        prediction: the name the Java test dispatches on.
        methods: list of (method_name, fn); fn(*mp_args) -> mpf, raising NoValue (or an mpmath
            NoConvergence) when it cannot evaluate. The first that succeeds at both precisions
            and agrees with itself is used.
        args: tuple of Python floats / ints, exactly what the Java test passes.
        Returns True when the point was kept.
        """
        for i, (name, fn) in enumerate(methods):
            try:
                n50, v50 = _eval([(name, fn)], args, 50)
                n80, v80 = _eval([(name, fn)], args, 80)
            except NoValue:
                continue
            with mp.workdps(80):
                diff = abs(v50 - v80)
                ok = diff <= AGREE * abs(v80) or (v80 == 0 and diff == 0)
            if not ok:
                self.rejected[(prediction, name, "50/80 digits disagree")] += 1
                continue
            kappa = 0.0 if v80 == 0 else self._kappa(fn, args, v80, kappa_dps)
            if kappa == float("inf"):
                # a derivative we could not take: no honest tolerance for this point
                self.rejected[(prediction, name, "condition number not computable")] += 1
                continue
            self.rows.append((prediction, name, kappa, v80, args))
            self.counts[(prediction, name)] += 1
            return True
        self.rejected[(prediction, "all", "no method converged")] += 1
        return False

    @staticmethod
    def _kappa(fn, args, value, dps):
        """sum_i |x_i df/dx_i / f| over non-integer inputs, by central differences."""
        if value == 0:
            return float("inf")
        total = mpf(0)
        with mp.workdps(dps):
            for i, a in enumerate(args):
                if isinstance(a, int) or a == 0.0:
                    continue
                up = list(args)
                dn = list(args)
                x = mpf(a)
                up[i] = x * (1 + KAPPA_STEP)
                dn[i] = x * (1 - KAPPA_STEP)
                try:
                    fu = fn(*[_to_mp(v) for v in up])
                    fd = fn(*[_to_mp(v) for v in dn])
                except Exception:  # noqa: BLE001 - a derivative we cannot take: be conservative
                    return float("inf")
                total += abs((fu - fd) / (2 * KAPPA_STEP) / value)
        return float(total)

    def write(self, path):
        with gzip.open(path, "wt", encoding="ascii", compresslevel=9) as out:
            out.write("# %s\n" % self.title)
            out.write("# mpmath %s, 50 and 80 digits agreeing to 1e-20; %d points\n"
                      % (mpmath.__version__, len(self.rows)))
            out.write("# prediction\tmethod\tkappa\tvalue\tinputs...\n")
            for prediction, name, kappa, value, args in self.rows:
                with mp.workdps(80):
                    vs = mpmath.nstr(value, 30, min_fixed=1, max_fixed=0)
                ins = "\t".join(repr(a) for a in args)
                out.write("%s\t%s\t%.3e\t%s\t%s\n" % (prediction, name, kappa, vs, ins))
        self.report(sys.stdout)

    def report(self, stream):
        stream.write("%s: %d points in %.0f s\n" % (self.title, len(self.rows),
                                                  time.time() - self.started))
        for (pred, name), n in sorted(self.counts.items()):
            stream.write("  %-40s %-12s %6d\n" % (pred, name, n))
        for (pred, name, why), n in sorted(self.rejected.items()):
            stream.write("  REJECTED %-31s %-12s %6d  (%s)\n" % (pred, name, n, why))


def logspace(lo, hi, n):
    """n floats log-spaced from lo to hi inclusive (lo, hi > 0)."""
    if n == 1:
        return [float(lo)]
    import math
    a, b = math.log(lo), math.log(hi)
    return [float(math.exp(a + (b - a) * i / (n - 1))) for i in range(n)]
