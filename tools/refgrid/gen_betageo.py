"""Reference grid for the BG/NBD (Fader, Hardie & Lee 2005) and MBG/NBD (Batislam, Denizel &
Filiztekin 2007) predictions.

Usage (the committed grids were made in two halves run in parallel, then concatenated):
    python3 tools/refgrid/gen_betageo.py bg  part1.tsv.gz 2100 1   # issue points, pAlive,
    python3 tools/refgrid/gen_betageo.py bg  part2.tsv.gz 2100 2   # pAliveAt, conditionalExpected
    python3 tools/refgrid/gen_betageo.py --merge bgnbd.tsv.gz part1.tsv.gz part2.tsv.gz
    python3 tools/refgrid/gen_betageo.py --recheck bg bgnbd.tsv.gz   # bounds, see recheck()
    (the same with mbg / mbgnbd.tsv.gz; without the part argument one run does everything)

Closed forms (shift = 0 for BG/NBD, 1 for MBG/NBD; R = r + x, B = b + x + shift):
  pAlive               FHL 2005 eq. (after eq. 10): 1 / (1 + a/(b+x-1+shift) ((alpha+T)/(alpha+tx))^R),
                       1 for BG/NBD at x = 0.
  pAliveAt             pAlive * 2F1(R, a; a+B; -t/(alpha+T)) (posterior lambda ~ Gamma(R, alpha+T),
                       p ~ Beta(a, B); survival of (T, T+t] is E exp(-lambda p t)).
  conditionalExpected  FHL eq. 10: pAlive * (a+B-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^R
                       2F1(R, B; a+B-1; t/(alpha+T+t))].
  expected             FHL eq. 9 (x = 0, T = 0; times b/(a+b) for MBG/NBD, alive after the first
                       coin flip with probability b/(a+b)).
  pmf                  FHL eq. 8 with the finite negative-binomial sum (MBG: B(a, b+n+1) and
                       B(a+1, b+n)).
  conditionalPmf       pAlive * [B(a,B+n)/B(a,B) NB(n) + [n>0] B(a+1,B+n-1)/B(a,B) (1 - sum_{j<n} NB(j))]
                       + [n=0] (1 - pAlive), NB(j) = Gamma(R+j)/(Gamma(R) j!) q^R (1-q)^j,
                       q = (alpha+T)/(alpha+T+t) (Fader & Hardie, "Deriving the conditional PMF
                       of the BG/NBD model", 2006 note, from the posterior above).

Fallback ("quad"): where the closed form has no value (a = 1 exactly), does not converge, or
50/80 digits disagree, the defining integral over the dropout probability p ~ Beta(a, B) is
evaluated with mpmath.quad in the logit variable v = ln(p/(1-p)) on (-inf, inf) with break points
around the integrand's peak. ("betainc": the pmf's negative-binomial tail as a regularized
incomplete beta.)
"""
import math
import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))
import mpmath  # noqa: E402
from mpmath import mp, mpf  # noqa: E402

import refgrid  # noqa: E402

MAXTERMS = 20000


def palive(shift, r, alpha, a, b, x, tx, T):
    if x + shift == 0:
        return mpf(1)
    R = r + x
    return 1 / (1 + a / (b + x - 1 + shift) * ((alpha + T) / (alpha + tx)) ** R)


# ----------------------------------------------------------------- closed forms

def alive_at_closed(shift, r, alpha, a, b, x, tx, T, t):
    R = r + x
    B = b + x + shift
    tau = t / (alpha + T)
    # 2F1(R, a; a+B; -tau) with Pfaff's transformation (A&S 15.3.4):
    # (1+tau)^(-a) 2F1(a+B-R, a; a+B; tau/(1+tau))
    h = mpmath.hyp2f1(a + B - R, a, a + B, tau / (1 + tau), maxterms=MAXTERMS)
    return palive(shift, r, alpha, a, b, x, tx, T) * check_alive((1 + tau) ** (-a) * h)


def check_alive(s):
    """P(alive at T+t | alive at T) lies in (0, 1]; outside, the 2F1 is wrong (see above)."""
    if not (0 < s <= 1 + mpf(10) ** -30):
        raise refgrid.NoValue("2F1 outside (0, 1]: %s" % mpmath.nstr(s, 5))
    return s


def alive_at_direct(shift, r, alpha, a, b, x, tx, T, t):
    """The same 2F1(R, a; a+B; -tau) as mpmath evaluates it untransformed (its own 1/z
    transformation for tau > 1)."""
    R = r + x
    B = b + x + shift
    h = mpmath.hyp2f1(R, a, a + B, -t / (alpha + T), maxterms=MAXTERMS)
    return palive(shift, r, alpha, a, b, x, tx, T) * check_alive(h)


def cond_expected_closed(shift, r, alpha, a, b, x, tx, T, t):
    if a == 1:
        raise refgrid.NoValue("a = 1: removable singularity of eq. 10")
    R = r + x
    B = b + x + shift
    z = t / (alpha + T + t)
    # eq. 10's ((alpha+T)/(alpha+T+t))^R 2F1(R, B; a+B-1; z) with Euler's transformation
    # (Abramowitz & Stegun 15.3.3): (1-z)^(a-1) 2F1(a+B-1-R, a-1; a+B-1; z)
    h = mpmath.hyp2f1(a + B - 1 - R, a - 1, a + B - 1, z, maxterms=MAXTERMS)
    e = (a + B - 1) / (a - 1) * (1 - (1 - z) ** (a - 1) * h)
    check_expected(e, R, t / (alpha + T))
    return palive(shift, r, alpha, a, b, x, tx, T) * e


def check_expected(e, R, tau):
    """E[Y | alive] = E_p[(1 - (1+p tau)^-R)/p] lies in (0, R tau]: a value outside is a wrong
    2F1 (mpmath 1.3.0 returns 1.6e24 for 2F1(439.4, -0.976; 855.1; 0.8135), whose series sums to
    O(1), consistently at 50 and 80 digits), so the method declines and quadrature is used."""
    if not (0 < e <= R * tau * (1 + mpf(10) ** -30)):
        raise refgrid.NoValue("closed form outside (0, R tau]: %s" % mpmath.nstr(e, 5))


def cond_expected_limit(shift, r, alpha, a, b, x, tx, T, t):
    """eq. 10 at a = 1, its removable singularity: (a+B-1)/(a-1) [1 - F(a)] with F(1) = 1 tends
    to -B F'(1), F(a) = (1-z)^(a-1) 2F1(a+B-1-R, a-1; a+B-1; z), F' by mpmath.diff."""
    if a != 1:
        raise refgrid.NoValue("only at a = 1")
    R = r + x
    B = b + x + shift
    z = t / (alpha + T + t)

    def F(s):
        return (1 - z) ** (s - 1) * mpmath.hyp2f1(s + B - 1 - R, s - 1, s + B - 1, z,
                                                  maxterms=MAXTERMS)
    e = -B * mpmath.diff(F, mpf(1))
    check_expected(e, R, t / (alpha + T))
    return palive(shift, r, alpha, a, b, x, tx, T) * e


def expected_limit(shift, r, alpha, a, b, t):
    if a != 1:
        raise refgrid.NoValue("only at a = 1")
    e = cond_expected_limit(0, r, alpha, a, b + shift, 0, 0.0, 0, t)
    return e * (b / (a + b) if shift else 1)


def expected_closed(shift, r, alpha, a, b, t):
    if a == 1:
        raise refgrid.NoValue("a = 1")
    B = b + shift
    h = mpmath.hyp2f1(r, B, a + B - 1, t / (alpha + t), maxterms=MAXTERMS)
    e = (a + B - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * h)
    check_expected(e, r, t / alpha)
    return e * (b / (a + b) if shift else 1)


def nb_head(R, q, n):
    """sum_{j<n} Gamma(R+j)/(Gamma(R) j!) q^R (1-q)^j (finite sum of eq. 8)."""
    s = mpf(0)
    term = q ** R
    for j in range(n):
        s += term
        term *= (R + j) / (j + 1) * (1 - q)
    return s


def finite_tail(R, q, n):
    """1 - sum_{j<n} NB(j) (eq. 8's bracket); no value where the difference keeps fewer than half
    the working digits (then the regularized incomplete beta is used)."""
    v = 1 - nb_head(R, q, n)
    if abs(v) < mpf(10) ** (-(mp.dps // 2)):
        raise refgrid.NoValue("1 - finite sum cancels")
    return v


def nb_pmf(R, q, n):
    return mpmath.exp(mpmath.loggamma(R + n) - mpmath.loggamma(R) - mpmath.loggamma(n + 1)
                      + R * mpmath.log(q) + n * mpmath.log1p(-q))


def count_alive(shift, a, B, R, q, n, tail):
    lb = mpmath.log(mpmath.beta(a, B))
    v = mpmath.exp(mpmath.log(mpmath.beta(a, B + n)) - lb) * nb_pmf(R, q, n)
    if n > 0:
        v += mpmath.exp(mpmath.log(mpmath.beta(a + 1, B + n - 1)) - lb) * tail(n)
    return v


def pmf_closed(shift, r, alpha, a, b, n, t, betainc=False):
    q = alpha / (alpha + t)
    B = b + shift

    def tail(m):
        if betainc:
            return mpmath.betainc(m, r, 0, 1 - q, regularized=True)
        return finite_tail(r, q, m)

    v = count_alive(shift, a, B, r, q, n, tail)
    if shift:
        v *= b / (a + b)
        if n == 0:
            v += a / (a + b)
    return v


def cond_pmf_closed(shift, r, alpha, a, b, n, x, tx, T, t, betainc=False):
    R = r + x
    B = b + x + shift
    q = (alpha + T) / (alpha + T + t)

    def tail(m):
        if betainc:
            return mpmath.betainc(m, R, 0, 1 - q, regularized=True)
        return finite_tail(R, q, m)

    pa = palive(shift, r, alpha, a, b, x, tx, T)
    v = pa * count_alive(shift, a, B, R, q, n, tail)
    if n == 0:
        v += 1 - pa
    return v


# ----------------------------------------------------------------- quadrature over p

def beta_expectation(a, B, logf):
    """E[f(p)], p ~ Beta(a, B), with ln f(p) = logf(lnp, ln1mp), by quadrature in v = logit p."""

    def logint(v):
        if v < 0:
            ln1mp = -mpmath.log1p(mpmath.exp(v))
            lnp = v + ln1mp
        else:
            lnp = -mpmath.log1p(mpmath.exp(-v))
            ln1mp = lnp - v
        return a * lnp + B * ln1mp + logf(lnp, ln1mp)

    # locate the (single) peak by a ternary search at low precision, then put break points
    # around it at multiples of its width
    with mp.workdps(20):
        lo, hi = mpf(-300), mpf(300)
        for _ in range(90):
            m1 = lo + (hi - lo) / 3
            m2 = hi - (hi - lo) / 3
            if logint(m1) < logint(m2):
                lo = m1
            else:
                hi = m2
        peak = (lo + hi) / 2
        d = mpf(1) / 1000
        curv = -(logint(peak + d) - 2 * logint(peak) + logint(peak - d)) / d ** 2
        w = 1 / mpmath.sqrt(curv) if curv > 0 else mpf(1)
        w = min(w, mpf(1))
    pts = [-mpmath.inf] + [peak + k * w for k in (-64, -16, -4, -1, 0, 1, 4, 16, 64)] \
        + [mpmath.inf]
    shift = logint(peak)
    val = mpmath.quad(lambda v: mpmath.exp(logint(v) - shift), pts)
    return mpmath.exp(shift + mpmath.log(val) - mpmath.log(mpmath.beta(a, B)))


def alive_if_alive_quad(R, a, B, tau):
    return beta_expectation(a, B, lambda lnp, l1: -R * mpmath.log1p(tau * mpmath.exp(lnp)))


def expected_if_alive_quad(R, a, B, tau):
    def logf(lnp, l1):
        u = R * mpmath.log1p(tau * mpmath.exp(lnp))
        return mpmath.log(-mpmath.expm1(-u)) - lnp
    return beta_expectation(a, B, logf)


def alive_at_quad(shift, r, alpha, a, b, x, tx, T, t):
    pa = palive(shift, r, alpha, a, b, x, tx, T)
    return pa * alive_if_alive_quad(r + x, a, b + x + shift, t / (alpha + T))


def cond_expected_quad(shift, r, alpha, a, b, x, tx, T, t):
    pa = palive(shift, r, alpha, a, b, x, tx, T)
    return pa * expected_if_alive_quad(r + x, a, b + x + shift, t / (alpha + T))


def expected_quad(shift, r, alpha, a, b, t):
    e = expected_if_alive_quad(r, a, b + shift, t / alpha)
    return e * (b / (a + b) if shift else 1)


# ----------------------------------------------------------------- points

def logu(rnd, lo, hi):
    return math.exp(rnd.uniform(math.log(lo), math.log(hi)))


A_NEAR_ONE = [1.0, 1.0 + 1e-8, 1.0 - 1e-8, 1.0 + 3e-9, 1.0 - 2e-9, 1.0 + 1e-3, 1.0 - 1e-3]
CDNOW = (0.2426, 4.4135, 0.7929, 2.4258)
ISSUE = (0.5787282909697888, 2.5744378664481378, 1.4485734959289642, 12.56074016455556)


def params(rnd):
    u = rnd.random()
    if u < 0.08:
        return CDNOW
    if u < 0.12:
        return ISSUE
    ps = []
    for name in ("r", "alpha", "a", "b"):
        v = rnd.random()
        if v < 0.08:
            ps.append(rnd.choice([1e-3, 1e3]))
        elif name == "a" and v < 0.25:
            ps.append(rnd.choice(A_NEAR_ONE))
        else:
            ps.append(logu(rnd, 1e-3, 1e3))
    return tuple(ps)


Z_TARGETS = [1e-9, 1e-6, 1e-3, 0.5 - 1e-3, 0.5 - 1e-9, 0.5, 0.5 + 1e-9, 0.5 + 1e-3,
             1 - 1e-3, 1 - 1e-6, 1 - 1e-8]


def horizon(rnd, alpha, T):
    """t in [0.01, 1e4]: half targeting z = t/(alpha+T+t), half log-uniform, some corners."""
    u = rnd.random()
    if u < 0.05:
        return rnd.choice([0.01, 1e4])
    if u < 0.5:
        z = rnd.choice(Z_TARGETS)
        t = z * (alpha + T) / (1 - z)
        if 0.01 <= t <= 1e4:
            return float(t)
    return logu(rnd, 0.01, 1e4)


def customer(rnd, hard, r, alpha, a, b, shift):
    """(x, tx, T); hard: x > 27 (and the caller takes t > alpha + T). For 75 % of the customers
    with x > 0, t_x is chosen so that the log-odds of being dead lie in [-40, 40], where P(alive)
    is neither 1 nor negligible."""
    u = rnd.random()
    if u < 0.05:
        T = rnd.choice([0.01, 1e4])
    else:
        T = logu(rnd, 0.01, 1e4)
    if hard:
        x = int(round(logu(rnd, 28, 1e5)))
    else:
        v = rnd.random()
        if v < 0.2:
            x = 0
        elif v < 0.3:
            x = rnd.choice([1, 2, 100000])
        else:
            x = int(round(logu(rnd, 1, 1e5)))
    if x == 0:
        return x, 0.0, T
    w = rnd.random()
    if w < 0.75:
        lo = math.log(a / (b + x - 1 + shift))
        target = rnd.uniform(-40, 40) - lo
        if target > 0:
            e = math.expm1(target / (r + x))
            tx = (T - e * alpha) / (1 + e)
            if 0 <= tx <= T:
                return x, tx, T
        return x, T, T
    if w < 0.85:
        tx = T
    elif w < 0.9:
        tx = 0.0
    else:
        tx = T * rnd.random()
    return x, tx, T


def hard_horizon(rnd, alpha, T):
    """t > alpha + T within [0.01, 1e4], or None."""
    lo = alpha + T
    if lo >= 1e4:
        return None
    if rnd.random() < 0.3:
        z = rnd.choice([0.5 + 1e-9, 0.5 + 1e-3, 0.7, 1 - 1e-3, 1 - 1e-6])
        t = z * lo / (1 - z)
        if lo < t <= 1e4:
            return float(t)
    return logu(rnd, lo * (1 + 1e-12), 1e4)


def cond_points(rnd, n, shift, with_count=False):
    """Points (params..., [count], x, tx, T, t); at least 30 % hard (t > alpha+T, x > 27)."""
    out = []
    while len(out) < n:
        r, alpha, a, b = params(rnd)
        hard = rnd.random() < 0.32
        x, tx, T = customer(rnd, hard, r, alpha, a, b, shift)
        if hard:
            t = hard_horizon(rnd, alpha, T)
            if t is None:
                continue
        else:
            t = horizon(rnd, alpha, T)
        if with_count:
            c = rnd.random()
            if c < 0.15:
                k = 0
            elif c < 0.25:
                k = rnd.choice([1, 2, 1000])
            elif c < 0.6:
                # around the expected count so that the value is not negligible
                k = min(1000, int(round(logu(rnd, 1, 1 + (r + x) * t / (alpha + T)))))
            else:
                k = int(round(logu(rnd, 1, 1000)))
            out.append((r, alpha, a, b, k, x, tx, T, t))
        else:
            out.append((r, alpha, a, b, x, tx, T, t))
    return out


def issue_points():
    """The issue's examples, verbatim: (params, x, tx, T, t)."""
    pts = [(ISSUE, 66, 242 / 7.0, 247 / 7.0, 52.142857142857146)]
    for x in [20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70]:
        pts.append((ISSUE, x, 34.0, 35.0, 52.0))
    pts.append(((1.0, 1.0, 1.0, 1000.0), 0, 0.0, 1.0, 4.348))
    pts.append(((1.0, 1.0, 1.0, 1000.0), 1000, 1.0, 1.0, 4.348))
    return pts


class Grid(refgrid.Grid):
    """refgrid.Grid with kappa by forward differences (7 instead of 14 evaluations a point)."""

    @staticmethod
    def _kappa(fn, args, value, dps):
        """sum_i |x_i df/dx_i / f| over the non-integer inputs, by forward differences. A
        perturbed point the method cannot evaluate (the a = 1 limit at a != 1, a closed form that
        does not converge there) is evaluated by the prediction's other methods; an input none of
        them can perturb is left out (a smaller kappa: a stricter test). kappa = 0 where the value
        is 0 (the Java test then applies its absolute tolerance)."""
        if value == 0:
            return 0.0
        total = mpf(0)
        fns = [fn] + [f for f in getattr(fn, "alts", []) if f is not fn]
        with mp.workdps(dps):
            for i, v in enumerate(args):
                if isinstance(v, int) or v == 0.0:
                    continue
                up = list(args)
                up[i] = mpf(v) * (1 + refgrid.KAPPA_STEP)
                for f in fns:
                    try:
                        fu = f(*[refgrid._to_mp(w) for w in up])
                        if fu is None or not mpmath.isfinite(fu):
                            continue
                    except (refgrid.NoValue, mpmath.libmp.NoConvergence, ZeroDivisionError,
                            ValueError):
                        continue
                    total += abs((fu - value) / refgrid.KAPPA_STEP / value)
                    break
        return float(total)


def with_alts(methods):
    """Gives every method of a prediction the list of all of them (for kappa)."""
    fns = [f for _, f in methods]
    for f in fns:
        f.alts = fns
    return methods


def merge(out, parts):
    """Concatenates grids: the first file's header, then every row of each file."""
    import gzip
    rows = []
    header = []
    for i, part in enumerate(parts):
        with gzip.open(part, "rt", encoding="ascii") as f:
            for line in f:
                if line.startswith("#"):
                    if i == 0 and "points" not in line:
                        header.append(line)
                    continue
                rows.append(line)
    with gzip.open(out, "wt", encoding="ascii", compresslevel=9) as f:
        f.writelines(header[:1])
        f.write("# mpmath %s, 50 and 80 digits agreeing to 1e-20; %d points (halves: %s)\n"
                % (mpmath.__version__, len(rows), " ".join(os.path.basename(p) for p in parts)))
        f.writelines(header[1:])
        f.writelines(rows)
    print("%s: %d points" % (out, len(rows)))


def recheck(which, path):
    """Re-evaluates, in place, every point of pAliveAt, conditionalExpected and expected whose
    closed-form value violates the bounds now checked inside the closed forms (the grids were
    made before those checks; this step is what made them equal to a fresh run)."""
    import gzip
    shift = {"bg": 0, "mbg": 1}[which]
    g = Grid("recheck")
    with gzip.open(path, "rt", encoding="ascii") as f:
        lines = f.readlines()
    fixed = 0
    out = []
    for line in lines:
        if line.startswith("#"):
            out.append(line)
            continue
        f = line.rstrip("\n").split("\t")
        pred, method = f[0], f[1]
        args = tuple(int(v) if "." not in v and "e" not in v and "inf" not in v else float(v)
                     for v in f[4:])
        bad = False
        if method in ("closed", "direct", "limit") and pred in ("pAliveAt",
                                                                "conditionalExpected",
                                                                "expected"):
            v = mpf(f[3])
            if pred == "expected":
                r, alpha, a, b, t = args
                bound = mpf(r) * t / alpha
            else:
                r, alpha, a, b, x, tx, T, t = args
                pa = palive(shift, mpf(r), mpf(alpha), mpf(a), mpf(b), x, mpf(tx), mpf(T))
                bound = pa if pred == "pAliveAt" else pa * (r + x) * mpf(t) / (alpha + T)
            bad = not (0 <= v <= bound * (1 + mpf(10) ** -15))
        if not bad:
            out.append(line)
            continue
        methods = {
            "pAliveAt": [("closed", lambda *p: alive_at_closed(shift, *p)),
                         ("direct", lambda *p: alive_at_direct(shift, *p)),
                         ("quad", lambda *p: alive_at_quad(shift, *p))],
            "conditionalExpected": [("closed", lambda *p: cond_expected_closed(shift, *p)),
                                    ("limit", lambda *p: cond_expected_limit(shift, *p)),
                                    ("quad", lambda *p: cond_expected_quad(shift, *p))],
            "expected": [("closed", lambda *p: expected_closed(shift, *p)),
                         ("limit", lambda *p: expected_limit(shift, *p)),
                         ("quad", lambda *p: expected_quad(shift, *p))]}[pred]
        n = len(g.rows)
        if not g.add(pred, with_alts(methods), args):
            raise SystemExit("no method for %s %s" % (pred, args))
        prediction, name, kappa, value, a2 = g.rows[n]
        with mp.workdps(80):
            vs = mpmath.nstr(value, 30, min_fixed=1, max_fixed=0)
        out.append("%s\t%s\t%.3e\t%s\t%s\n" % (prediction, name, kappa, vs,
                                                  "\t".join(repr(a) for a in a2)))
        print("fixed %s %s: %s -> %s (%s)" % (pred, args, f[3], vs, name))
        fixed += 1
    with gzip.open(path, "wt", encoding="ascii", compresslevel=9) as f:
        f.writelines(out)
    print("%s: %d points re-evaluated" % (path, fixed))


def main():
    if sys.argv[1] == "--merge":
        merge(sys.argv[2], sys.argv[3:])
        return
    if sys.argv[1] == "--recheck":
        recheck(sys.argv[2], sys.argv[3])
        return
    which, path = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else 2150
    # part 1: the issue's points, pAlive, pAliveAt, conditionalExpected; part 2: the rest (with
    # its own seed, so that the two halves can run in parallel and be concatenated); default both
    part = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    shift = {"bg": 0, "mbg": 1}[which]
    name = {"bg": "BG/NBD", "mbg": "MBG/NBD"}[which]
    rnd = random.Random(20261127 + shift + (100 if part == 2 else 0))
    g = Grid("%s predictions (FHL 2005 closed forms, tools/refgrid/gen_betageo.py)" % name)

    def pa(r, alpha, a, b, x, tx, T):
        return palive(shift, r, alpha, a, b, x, tx, T)

    def aa_c(*p):
        return alive_at_closed(shift, *p)

    def aa_d(*p):
        return alive_at_direct(shift, *p)

    def aa_q(*p):
        return alive_at_quad(shift, *p)

    def ce_c(*p):
        return cond_expected_closed(shift, *p)

    def ce_q(*p):
        return cond_expected_quad(shift, *p)

    def ce_l(*p):
        return cond_expected_limit(shift, *p)

    def e_l(*p):
        return expected_limit(shift, *p)

    def e_c(*p):
        return expected_closed(shift, *p)

    def e_q(*p):
        return expected_quad(shift, *p)

    def pmf_c(*p):
        return pmf_closed(shift, *p)

    def pmf_b(*p):
        return pmf_closed(shift, *p, betainc=True)

    def cpmf_c(*p):
        return cond_pmf_closed(shift, *p)

    def cpmf_b(*p):
        return cond_pmf_closed(shift, *p, betainc=True)

    for (ps, x, tx, T, t) in (issue_points() if part != 2 else []):
        args = ps + (x, tx, T, t)
        g.add("conditionalExpected", with_alts([("closed", ce_c), ("limit", ce_l), ("quad", ce_q)]), args)
        g.add("pAliveAt", with_alts([("closed", aa_c), ("direct", aa_d), ("quad", aa_q)]), args)
        g.add("pAlive", with_alts([("closed", pa)]), ps + (x, tx, T))
        g.add("conditionalPmf", with_alts([("closed", cpmf_c), ("betainc", cpmf_b)]),
              ps + (min(1000, int(round(x * t / T))), x, tx, T, t))

    if part != 2:
        for p in cond_points(rnd, limit, shift):
            g.add("pAlive", with_alts([("closed", pa)]), p[:7])
        g.write(path + ".partial")  # checkpoint
        for p in cond_points(rnd, limit, shift):
            g.add("pAliveAt", with_alts([("closed", aa_c), ("direct", aa_d), ("quad", aa_q)]), p)
        g.write(path + ".partial")  # checkpoint
        for p in cond_points(rnd, limit, shift):
            g.add("conditionalExpected", with_alts([("closed", ce_c), ("limit", ce_l), ("quad", ce_q)]), p)
    if part == 1:
        g.write(path)
        return
    g.write(path + ".partial")  # checkpoint
    for p in cond_points(rnd, limit, shift, with_count=True):
        g.add("conditionalPmf", with_alts([("closed", cpmf_c), ("betainc", cpmf_b)]), p)
    g.write(path + ".partial")  # checkpoint
    k = 0
    while k < limit:
        r, alpha, a, b = params(rnd)
        t = horizon(rnd, alpha, 0.0)
        k += 1
        g.add("expected", with_alts([("closed", e_c), ("limit", e_l), ("quad", e_q)]), (r, alpha, a, b, t))
    g.write(path + ".partial")  # checkpoint
    k = 0
    while k < limit:
        r, alpha, a, b = params(rnd)
        t = horizon(rnd, alpha, 0.0)
        c = rnd.random()
        n = 0 if c < 0.15 else (rnd.choice([1, 1000]) if c < 0.25 else
                                int(round(logu(rnd, 1, 1000))))
        k += 1
        g.add("pmf", with_alts([("closed", pmf_c), ("betainc", pmf_b)]), (r, alpha, a, b, n, t))
    g.write(path)


if __name__ == "__main__":
    main()
