"""Reference grid for dev.retention.internal.Hypergeometric: ln|2F1(a, b; c; z)| and its sign.

Usage: python3 tools/refgrid/gen_hyp2f1.py retention-core/src/test/resources/refgrid/hyp2f1.tsv.gz

Domain (the Java javadoc states the same): 1e-8 <= a, b, c <= 2e5, -1e12 <= z < 1, c >= min(a, b)
when z < 0, and c > min(a, b) - 64 when z > 1/2 (the filter in_domain below).

Row: prediction 'hyp2f1', method, kappa (condition number of F itself with respect to a, b, c, z),
ln|F| (30 digits), a, b, c, z, sign of F. The Java test compares ln|F| with absolute tolerance
max(1e-10, 16 kappa 2^-53), which is the relative tolerance on F.

Methods, tried in order at 50 and at 80 digits (refgrid.Grid keeps a point when both agree):
  hyp2f1  mpmath.hyp2f1 (its own series and transformations); for max(a, b, c) > 1e3 and
          c > min(a, b) accepted only when it agrees with Euler's integral at 20 digits (mpmath
          1.3.0 is wrong at some such points, at 50 and 80 digits alike);
  quad    Euler's integral (A&S 15.3.1) by mpmath.quad in s = ln(t/(1-t)), split around the
          maximum of the integrand, for c > min(a, b);
  contig  for c <= min(a, b): F(a,b;c;z) = sum_j C(m,j)(a)_j(b)_j z^j/((c)_j (c+m)_j)
          F(a+j, b+j; c+m+j; z), m = floor(min(a,b) - c) + 1 (iterating the contiguous relation
          F(a,b;c) = F(a,b;c+1) + abz/(c(c+1)) F(a+1,b+1;c+2), which follows from the series),
          each term by hyp2f1 or quad; only for m <= 64.
  series  mpmath.hyp2f1 with maxterms 10^6 (slow; for large parameters at |z| <= 1/2).
Model argument sets are formed with the same floating-point operations as the Java callers
(dev.retention.clv.AbstractBetaGeoModel, ParetoNbdModel) so that the doubles are identical.
"""
import math
import os
import random
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import mpmath  # noqa: E402
from mpmath import mp, mpf  # noqa: E402
import refgrid  # noqa: E402

LO, HI = 1e-8, 2e5
MAX_M = 64
SECONDS = float(os.environ.get("HYP_SECONDS", "10"))


class _Slow(Exception):
    pass


def _alarm(signum, frame):
    raise _Slow()


def limited(fn):
    """Runs fn under a wall-clock limit of SECONDS (a method too slow for a point yields NoValue)."""
    def run(*args):
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, SECONDS)
        try:
            return fn(*args)
        except _Slow:
            raise refgrid.NoValue("over %g s" % SECONDS)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    return run


def quad_applies(a, b, c):
    return c > min(a, b)


def large(a, b, c):
    return max(a, b, c) > 1e3


def agrees_with_quad(a, b, c, z, value):
    """For large parameters mpmath 1.3.0's hyp2f1 can be wrong at every precision (for example
    2F1(1366.80..., 7811.32...; 7515.72...; 0.8891...) comes out negative although every term of
    its series is positive), so there it is checked against Euler's integral at 20 digits."""
    if not (large(a, b, c) and quad_applies(a, b, c)):
        return True
    if not value > 0:
        return False
    with mp.workdps(20):
        try:
            q = log_euler(mpf(a), mpf(b), mpf(c), mpf(z))
        except (ZeroDivisionError, ValueError, mpmath.libmp.NoConvergence):
            return False
        lv = mpmath.log(value)
        return abs(q - lv) <= mpf(10) ** -12 * max(1, abs(lv))


def f_hyp(a, b, c, z):
    v = mpmath.hyp2f1(a, b, c, z)
    if not agrees_with_quad(a, b, c, z, v):
        raise refgrid.NoValue("hyp2f1 disagrees with Euler's integral")
    return v


def log_euler(a, b, c, z):
    """ln 2F1 by quadrature of Euler's integral in the logit variable; needs c > min(a, b)."""
    A, B = (a, b) if a >= b else (b, a)
    if not c > B:
        raise refgrid.NoValue("c <= min(a,b)")
    y = 1 - z
    # psi(s) = B ln t + (C-B) ln(1-t) - A ln(1 - z t), t = 1/(1+e^-s)
    def psi(s):
        u = mpmath.exp(-s)
        return (A - B) * mpmath.log1p(u) - (c - B) * mpmath.log1p(1 / u) - A * mpmath.log(y + u)
    # maximum: B u^2 + p u - q = 0, u = e^-s
    p = B * y + A * z - (c - B)
    q = (c - B) * y
    disc = mpmath.sqrt(p * p + 4 * B * q)
    u = 2 * q / (p + disc) if p >= 0 else (disc - p) / (2 * B)
    s0 = -mpmath.log(u)
    t = 1 / (1 + u)
    d2 = (A - c) * t * (1 - t) - A * y * u / (y + u) ** 2
    sig = 1 / mpmath.sqrt(-d2) if d2 < 0 else mpf(1)
    p0 = psi(s0)
    f = lambda s: mpmath.exp(psi(s) - p0)  # noqa: E731
    pts = [-mpmath.inf] + [s0 + k * sig for k in (-64, -16, -4, -1, 0, 1, 4, 16, 64)] + [mpmath.inf]
    integral = mpmath.quad(f, pts, maxdegree=10)
    return mpmath.loggamma(c) - mpmath.loggamma(B) - mpmath.loggamma(c - B) + p0 + mpmath.log(integral)


def f_quad(a, b, c, z):
    return mpmath.exp(log_euler(a, b, c, z))


def f_one(a, b, c, z):
    try:
        return mpmath.hyp2f1(a, b, c, z)
    except mpmath.libmp.NoConvergence:
        return f_quad(a, b, c, z)


def f_contig(a, b, c, z):
    mn = min(a, b)
    if c > mn:
        raise refgrid.NoValue("not needed")
    m = int(mpmath.floor(mn - c)) + 1
    if m > MAX_M:
        raise refgrid.NoValue("m too large")
    total = mpf(0)
    for j in range(m + 1):
        k = mpmath.binomial(m, j) * mpmath.rf(a, j) * mpmath.rf(b, j) * z ** j / (
            mpmath.rf(c, j) * mpmath.rf(c + m, j))
        total += k * f_one(a + j, b + j, c + m + j, z)
    return total


def f_series(a, b, c, z):
    return mpmath.hyp2f1(a, b, c, z, maxterms=10 ** 6)


METHODS = [(n, limited(f)) for n, f in
           (("hyp2f1", f_hyp), ("quad", f_quad), ("contig", f_contig), ("series", f_series))]


def in_domain(a, b, c, z):
    if not all(LO <= v <= HI for v in (a, b, c)):
        return False
    if not (z < 1 and math.isfinite(z)):
        return False
    if z < -1e12:
        return False
    if z < 0 and not c >= min(a, b):
        return False
    if z > 0.5 and c <= min(a, b) and min(a, b) - c >= MAX_M:
        return False
    return True


def main(path):
    rnd = random.Random(20261127)
    grid = refgrid.Grid("2F1(a, b; c; z): ln|F| and sign")
    pts = []

    def add(a, b, c, z, tag):
        a, b, c, z = float(a), float(b), float(c), float(z)
        if in_domain(a, b, c, z):
            pts.append((tag, (a, b, c, z)))

    def logu(lo, hi):
        return math.exp(rnd.uniform(math.log(lo), math.log(hi)))

    def zs():
        k = rnd.random()
        if k < 0.3:
            return -logu(1e-12, 1e12)
        if k < 0.5:
            return logu(1e-12, 0.5)
        if k < 0.6:
            return 0.5 + rnd.choice((-1, 1)) * logu(1e-12, 0.05)
        return 1 - logu(1e-12, 0.5)

    # 1. general: parameters log-uniform (mostly moderate), z over (-1e12, 1)
    for _ in range(2000):
        hi = HI if rnd.random() < 0.3 else 1e3
        lo = LO if rnd.random() < 0.2 else 1e-3
        add(logu(lo, hi), logu(lo, hi), logu(lo, hi), zs(), "general")
    # 2. large parameters (1e3 .. 2e5), all sign patterns of c - a - b
    for _ in range(700):
        a, b = logu(1e3, HI), logu(1e3, HI)
        k = rnd.random()
        if k < 0.4:
            c = logu(max(a, b) * 1.0001, HI) if max(a, b) < HI / 1.0001 else HI
        elif k < 0.8:
            c = logu(min(a, b), max(a, b))
        else:
            c = logu(1e-3, min(a, b))
        add(a, b, c, zs(), "large")
    # 3. c - a - b integer or within 1e-8 / 1e-10 of one, z near 1 and far negative;
    #    a - b integer or near-integer (the 1/z transformation's limit case)
    for _ in range(900):
        a = logu(1e-3, 1e3) if rnd.random() < 0.8 else logu(1e3, HI)
        b = logu(1e-3, 1e3) if rnd.random() < 0.8 else logu(1e3, HI)
        kind = rnd.random()
        if kind < 0.75:
            n = rnd.choice((0, 1, 2, 3, 5, 10, 40, -1, -2, -3, -7, -20, -100))
            d = rnd.choice((0.0, 0.0, 1e-8, -1e-8, 1e-10, -1e-10, 3e-9))
            c = a + b + n + d
        else:
            n = rnd.choice((0, 1, 2, 7, 30))
            dlt = rnd.choice((0.0, 1e-8, -1e-8, 1e-10))
            b = a + n + dlt
            c = logu(1e-3, 1e3)
        z = 1 - logu(1e-12, 0.5) if rnd.random() < 0.6 else zs()
        add(a, b, c, z, "integer")
    # 4. corners
    vals = (1e-8, 1e-3, 0.5, 1.0, 1 + 1e-8, 2.5, 77.7, 1e3, 3e4, 2e5)
    zc = (-1e12, -1e6, -30.0, -1.0, -0.5, -1e-12, 1e-12, 0.25, 0.5 - 1e-9, 0.5, 0.5 + 1e-9,
          0.9, 0.999, 1 - 1e-6, 1 - 1e-9, 1 - 1e-12)
    for _ in range(1100):
        add(rnd.choice(vals), rnd.choice(vals), rnd.choice(vals), rnd.choice(zc), "corner")
    # 5. the models' argument sets, formed as the Java code forms them
    def params():
        return logu(1e-3, 1e3)
    for _ in range(1300):
        r, alpha, a, b = params(), params(), params(), params()
        x = rnd.choice((0, 1, 2, 5, 10, 27, 28, 40, 66, 100, 1000, 10000, 100000))
        T = logu(0.01, 1e4)
        t = logu(0.01, 1e4)
        which = rnd.random()
        if which < 0.35:  # BG/NBD E[Y]: 2F1(r+x, b+x; a+b+x-1; tau/(1+tau)), tau = t/(alpha+T)
            rr, bx = r + x, b + x
            cp = a + bx - 1
            tau = t / (alpha + T)
            add(rr, bx, cp, tau / (1 + tau), "bgnbd-ey")
        elif which < 0.5:  # MBG/NBD E[Y]: shift 1
            rr, bx = r + x, b + x + 1
            cp = a + bx - 1
            tau = t / (alpha + T)
            add(rr, bx, cp, tau / (1 + tau), "mbgnbd-ey")
        elif which < 0.8:  # P(alive at): 2F1(r+x, a; a+b+x(+1); -t/(alpha+T))
            shift = rnd.choice((0, 1))
            add(r + x, a, a + b + x + shift, -t / (alpha + T), "palive-at")
        else:  # Pareto/NBD G: 2F1(r+s+x, B; r+s+x+1; |alpha-beta|/(max+t))
            s, beta = params(), params()
            A = r + s + x
            m = max(alpha, beta)
            B = s + 1 if alpha >= beta else r + x
            add(A, B, A + 1, abs(alpha - beta) / (m + t), "pareto")
    # the example, as the Java code forms it
    r, alpha, a, b = 0.5787282909697888, 2.5744378664481378, 1.4485734959289642, 12.56074016455556
    for x, T, t in ((66, 247 / 7.0, 52.142857142857146), (55, 35.0, 52.0), (60, 35.0, 52.0),
                    (65, 35.0, 52.0), (70, 35.0, 52.0), (20, 35.0, 52.0), (50, 35.0, 52.0)):
        tau = t / (alpha + T)
        add(r + x, b + x, a + b + x - 1, tau / (1 + tau), "issue")
        add(r + x, b + x + 1, a + b + x + 1 - 1, tau / (1 + tau), "issue")
        add(r + x, a, a + b + x, -t / (alpha + T), "issue")
        add(r + x, a, a + b + x + 1, -t / (alpha + T), "issue")
    # hostile-input trial: BgNbdModel.of(1, 1, 1, 1000): x = 0 and 1000, T = 1, t = 4.348
    for x in (0, 1000):
        r, alpha, a, b = 1.0, 1.0, 1.0, 1000.0
        tau = 4.348 / (alpha + 1.0)
        add(r + x, b + x, a + b + x - 1, tau / (1 + tau), "issue")
        add(r + x, a, a + b + x, -4.348 / (alpha + 1.0), "issue")

    limit = int(os.environ.get("HYP_LIMIT", "0"))
    if limit:
        pts = pts[::max(1, len(pts) // limit)]
    # optional shard [HYP_FROM, HYP_TO) of the point list, for parallel runs (merge the outputs
    # with merge_hyp2f1.py; the result equals one run over all points)
    lo, hi = int(os.environ.get("HYP_FROM", "0")), int(os.environ.get("HYP_TO", str(len(pts))))
    seen = set(args for _, args in pts[:lo])
    pts = pts[:hi]
    tags = {}
    for i, (tag, args) in enumerate(pts):
        if i < lo:
            continue
        if args in seen:
            continue
        seen.add(args)
        if grid.add("hyp2f1", METHODS, args):
            tags[tag] = tags.get(tag, 0) + 1
        if i % 50 == 0:
            sys.stderr.write("%d/%d %.0fs\n" % (i, len(pts), time.time() - grid.started))
            sys.stderr.flush()
    write(grid, path)
    print("points per set:", tags)


def write(grid, path):
    import gzip
    with gzip.open(path, "wt", encoding="ascii", compresslevel=9) as out:
        out.write("# %s\n" % grid.title)
        kept = sum(1 for r in grid.rows if math.isfinite(r[2]))
        out.write("# mpmath %s, 50 and 80 digits agreeing to 1e-20; %d points\n"
                  % (mpmath.__version__, kept))
        out.write("# prediction\tmethod\tkappa(F)\tln|F|\ta\tb\tc\tz\tsign(F)\n")
        for prediction, name, kappa, value, args in grid.rows:
            if not math.isfinite(kappa):
                grid.rejected[(prediction, name, "kappa not computable (dropped)")] += 1
                continue
            with mp.workdps(80):
                lv = mpmath.log(abs(value))
                sign = 1 if value > 0 else -1
                vs = mpmath.nstr(lv, 30, min_fixed=-30, max_fixed=30)
            ins = "\t".join(repr(a) for a in args)
            out.write("%s\t%s\t%.3e\t%s\t%s\t%d\n" % (prediction, name, kappa, vs, ins, sign))
    grid.report(sys.stdout)


def repair(src, out):
    """Re-checks an existing grid file's hyp2f1 points against Euler's integral (the check f_hyp
    now makes); a point that fails is evaluated afresh by the method list (so by quad)."""
    import gzip
    grid = refgrid.Grid("2F1(a, b; c; z): ln|F| and sign")
    redone = 0
    with gzip.open(src, "rt", encoding="ascii") as f:
        lines = [l for l in f if not l.startswith("#")]
    for i, line in enumerate(lines):
        fld = line.rstrip("\n").split("\t")
        a, b, c, z = (float(v) for v in fld[4:8])
        if fld[1] == "hyp2f1" and large(a, b, c) and quad_applies(a, b, c):
            with mp.workdps(30):
                v = mpmath.exp(mpf(fld[3])) * int(fld[8])
            if not agrees_with_quad(a, b, c, z, v):
                redone += 1
                sys.stderr.write("redo %r\n" % ((a, b, c, z),))
                grid.add("hyp2f1", METHODS, (a, b, c, z))
                continue
        with mp.workdps(80):
            value = mpmath.exp(mpf(fld[3])) * int(fld[8])
        grid.rows.append((fld[0], fld[1], float(fld[2]), value, (a, b, c, z)))
        grid.counts[(fld[0], fld[1])] += 1
        if i % 100 == 0:
            sys.stderr.write("%d/%d\n" % (i, len(lines)))
    write(grid, out)
    print("re-evaluated: %d" % redone)


if __name__ == "__main__":
    if os.environ.get("HYP_REPAIR"):
        repair(os.environ["HYP_REPAIR"], sys.argv[1])
    else:
        main(sys.argv[1])
