"""Reference grid for the Pareto/NBD model (ParetoNbdReferenceGridTest).

Evaluates, with mpmath at 50 and 80 digits (tools/refgrid/refgrid.py), independently of the Java:
  palive     P(alive | x, t_x, T): Fader & Hardie (2005) "A Note on Deriving the Pareto/NBD Model
             and Related Expressions", eq. 18-19 (the 2F1 of the G integrals), P = 1/(1 + s/(r+s+x)
             (a+T)^(r+x) (b+T)^s A0); fallback: quadrature of the defining integral
             int_{t_x}^T (a+u)^-(r+x) (b+u)^-(s+1) du.
  palive_at  P(alive) ((b+T)/(b+T+t))^s.
  cexp       E[Y(t) | x, t_x, T] = P(alive) (r+x)(b+T)/((a+T)(s-1)) [1 - ((b+T)/(b+T+t))^(s-1)]
             (FH note eq. 22; the s = 1 limit (r+x)(b+T)/(a+T) ln(1 + t/(b+T))).
  ex         E[X(t)] = r b/(a(s-1)) [1 - (b/(b+t))^(s-1)] (SMC 1987; s = 1 limit r b/a ln(1+t/b)).
  pmf        P(X(t) = n): Fader, Hardie & Lee (2006) "Deriving an expression for P(X(t) = x) under
             the Pareto/NBD model" (2F1 closed form); fallback: quadrature of the definition
             NB(n; r, a/(a+t)) (b/(b+t))^s + int_0^t s b^s (b+u)^-(s+1) NB(n; r, a/(a+u)) du.
  dert       Fader, Hardie & Lee (2005) "RFM and CLV", eq. 2: a^r b^s d^(s-1) Gamma(r+x+1)
             Psi(s, s; d(b+T)) / (Gamma(r) (a+T)^(r+x+1) L); fallback: P(alive)(r+x)/(a+T)
             int_0^inf e^(-d u) (1 + u/(b+T))^-s du by quadrature.
  cpmf       P(Y(t) = n | x, t_x, T) = [n = 0](1 - P(alive)) + P(alive) P_new(n) with P_new the
             pmf above under (r+x, a+T, s, b+T) (given alive at T, lambda ~ Gamma(r+x, a+T),
             mu ~ Gamma(s, b+T)).
Inputs (Java order): r, alpha, s, beta, then x, t_x, T (and t or delta), or n, t; cpmf: n, x, t_x,
T, t.

Usage: python3 gen_pareto.py OUT.tsv.gz POINTS SEED WHICH, WHICH one of palive, palive_at, cexp,
ex, pmf, dert, cpmf, or shared:NAME,NAME... (one history feeds palive, palive_at, cexp, dert and
cpmf; P(alive) and its logarithmic derivatives are computed once per history). The corners
(parameters at 1e-3 and 1e3, s = 1, extreme histories) come first unless SKIP_CORNERS is set.
The committed grid is the concatenation (one header) of these runs, in parallel:
  gen_pareto.py A1.tsv.gz 1000 20261127 shared:palive,palive_at,cexp,dert
  SKIP_CORNERS=1 gen_pareto.py A2.tsv.gz 1000 20261128 shared:palive,palive_at,cexp,dert
  gen_pareto.py B.tsv.gz 2000 20261127 pmf ; SKIP_CORNERS=1 gen_pareto.py B2.tsv.gz 2000 20261131 pmf
  gen_pareto.py C.tsv.gz 2000 20261129 shared:cpmf
  SKIP_CORNERS=1 gen_pareto.py C2.tsv.gz 2000 20261132 shared:cpmf
  gen_pareto.py E.tsv.gz 2000 20261130 ex
(runs are checkpointed every 50 points; a run stopped early contributes the points written).
"""
import math
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import refgrid  # noqa: E402
from refgrid import NoValue  # noqa: E402
import mpmath  # noqa: E402
from mpmath import mp, mpf  # noqa: E402

BIG = 600  # above this r+s+x (or n) the 2F1 closed forms are left to the quadrature (time)


def _quad(f, pts):
    """mpmath.quad refusing a result whose own error estimate exceeds 10^-(dps-8) relative."""
    v, err = mpmath.quad(f, pts, error=True, maxdegree=10)
    if not (abs(err) <= abs(v) * mpf(10) ** (8 - mp.dps)):
        raise NoValue("quadrature error estimate %s of %s" % (mpmath.nstr(err, 3), mpmath.nstr(v, 5)))
    return v


# ----------------------------------------------------------------------------- P(alive)
def _g_2f1(r, a, s, b, x, t):
    A = r + s + x
    if a >= b:
        return mpmath.hyp2f1(A, s + 1, A + 1, (a - b) / (a + t)) / (a + t) ** A
    return mpmath.hyp2f1(A, r + x, A + 1, (b - a) / (b + t)) / (b + t) ** A


def _ratio_2f1(r, a, s, b, x, tx, T):
    """R = s (G(tx) - G(T)) / M by FH eq. 18-19."""
    if r + s + x > BIG:
        raise NoValue("large parameters: quadrature")
    if tx == T:
        return mpf(0)
    a0 = _g_2f1(r, a, s, b, x, tx) - _g_2f1(r, a, s, b, x, T)
    return s / (r + s + x) * (a + T) ** (r + x) * (b + T) ** s * a0


def _ratio_quad(r, a, s, b, x, tx, T):
    """R by quadrature of int_tx^T f(u) du relative to f(tx)."""
    if tx == T:
        return mpf(0)
    p, q = r + x, s + 1
    h = 1 / (p / (a + tx) + q / (b + tx))
    pts = [tx]
    k = mpf(1)
    while tx + k * h < T:
        pts.append(tx + k * h)
        k *= 4
    pts.append(T)
    la, lb = mpmath.log(a + tx), mpmath.log(b + tx)
    f = lambda u: mpmath.exp(-p * (mpmath.log(a + u) - la) - q * (mpmath.log(b + u) - lb))
    integral = _quad(f, pts)
    e = p * mpmath.log((a + T) / (a + tx)) + q * mpmath.log((b + T) / (b + tx))
    return s * mpmath.exp(e) / (b + T) * integral


def palive_2f1(r, a, s, b, x, tx, T):
    return 1 / (1 + _ratio_2f1(r, a, s, b, x, tx, T))


def palive_quad(r, a, s, b, x, tx, T):
    return 1 / (1 + _ratio_quad(r, a, s, b, x, tx, T))


def _cexp_factor(r, a, s, b, x, T, t):
    bt = b + T
    if s == 1:
        return (r + x) * bt / (a + T) * mpmath.log(1 + t / bt)
    return (r + x) * bt / ((a + T) * (s - 1)) * (1 - (bt / (bt + t)) ** (s - 1))


def ex(r, a, s, b, t):
    return _cexp_factor(r, a, s, b, 0, 0, t)


# ----------------------------------------------------------------------------- P(X(t) = n)
def _nb(n, r, pr):
    return mpmath.exp(mpmath.loggamma(r + n) - mpmath.loggamma(r) - mpmath.loggamma(n + 1)
                      + r * mpmath.log(pr) + n * mpmath.log(1 - pr))


def pmf_fhl(r, a, s, b, n, t):
    """Fader, Hardie & Lee (2006), P(X(t) = x) for the Pareto/NBD."""
    if r + s + n > BIG or n > 10:
        raise NoValue("n > 10 or large parameters: quadrature (time: n + 1 terms of 2F1)")
    first = _nb(n, r, a / (a + t)) * (b / (b + t)) ** s
    c = mpmath.exp(r * mpmath.log(a) + s * mpmath.log(b) + mpmath.log(mpmath.beta(r + n, s + 1))
                   - mpmath.log(mpmath.beta(r, s)))
    if a >= b:
        b1 = mpmath.hyp2f1(r + s, s + 1, r + s + n + 1, (a - b) / a) / a ** (r + s)
        tot = mpf(0)
        for i in range(n + 1):
            b2 = mpmath.hyp2f1(r + s + i, s + 1, r + s + n + 1, (a - b) / (a + t)) / (a + t) ** (r + s + i)
            tot += mpmath.exp(mpmath.loggamma(r + s + i) - mpmath.loggamma(r + s)
                              - mpmath.loggamma(i + 1)) * t ** i * b2
    else:
        b1 = mpmath.hyp2f1(r + s, r + n, r + s + n + 1, (b - a) / b) / b ** (r + s)
        tot = mpf(0)
        for i in range(n + 1):
            b2 = mpmath.hyp2f1(r + s + i, r + n, r + s + n + 1, (b - a) / (b + t)) / (b + t) ** (r + s + i)
            tot += mpmath.exp(mpmath.loggamma(r + s + i) - mpmath.loggamma(r + s)
                              - mpmath.loggamma(i + 1)) * t ** i * b2
    return first + c * (b1 - tot)


def pmf_quad(r, a, s, b, n, t):
    first = _nb(n, r, a / (a + t)) * (b / (b + t)) ** s
    c0 = mpmath.loggamma(r + n) - mpmath.loggamma(r) - mpmath.loggamma(n + 1) + r * mpmath.log(a) \
        + mpmath.log(s) + s * mpmath.log(b)

    def f(y):  # y = ln u
        u = mpmath.exp(y)
        return mpmath.exp(c0 + (n + 1) * y - (s + 1) * mpmath.log(b + u) - (r + n) * mpmath.log(a + u))
    # breakpoints: the mode of the integrand and the bends at ln a, ln b
    lt = mpmath.log(t)
    g = lambda y: (n + 1) - (s + 1) / (1 + b * mpmath.exp(-y)) - (r + n) / (1 + a * mpmath.exp(-y))
    if g(lt) >= 0:
        ym = lt
    else:
        lo = min(mpmath.log(a), mpmath.log(b), lt) - 60
        hi = lt
        for _ in range(mp.prec + 20):
            mid = (lo + hi) / 2
            if g(mid) > 0:
                lo = mid
            else:
                hi = mid
        ym = (lo + hi) / 2
    # finite breakpoints around the mode (scale w) and the bends; below ym - 250 the integrand
    # is under e^-250 of its peak (it grows at least like e^y towards the mode)
    w = 1 / mpmath.sqrt((s + 1) / 4 + (r + n) / 4 + 1)
    w = max(w, mpf(1) / (n + 1))
    cand = [ym - 250, ym - 40, ym - 10 * w, ym - 3 * w, ym + 3 * w, ym + 10 * w, ym + 40,
            mpmath.log(a), mpmath.log(b)]
    pts = sorted(set(v for v in cand if ym - 250 <= v < lt)) + [lt]
    return first + _quad(f, pts)


def cpmf_fhl(r, a, s, b, n, x, tx, T, t):
    R = _ratio_2f1(r, a, s, b, x, tx, T)
    pa = 1 / (1 + R)
    return (R / (1 + R) if n == 0 else 0) + pa * pmf_fhl(r + x, a + T, s, b + T, n, t)


def cpmf_quad(r, a, s, b, n, x, tx, T, t):
    R = _ratio_quad(r, a, s, b, x, tx, T)
    pa = 1 / (1 + R)
    return (R / (1 + R) if n == 0 else 0) + pa * pmf_quad(r + x, a + T, s, b + T, n, t)


# ----------------------------------------------------------------------------- DERT
def dert_fhl(r, a, s, b, x, tx, T, d):
    if r + s + x > BIG:
        raise NoValue("large: quadrature")
    big_a0 = mpf(0) if tx == T else _g_2f1(r, a, s, b, x, tx) - _g_2f1(r, a, s, b, x, T)
    # FH note eq. 22 likelihood
    L = mpmath.exp(mpmath.loggamma(r + x) - mpmath.loggamma(r) + r * mpmath.log(a)
                   + s * mpmath.log(b)) * ((a + T) ** -(r + x) * (b + T) ** -s
                                           + s / (r + s + x) * big_a0)
    return (a ** r * b ** s * d ** (s - 1) * mpmath.exp(mpmath.loggamma(r + x + 1) - mpmath.loggamma(r))
            * mpmath.hyperu(s, s, d * (b + T)) / ((a + T) ** (r + x + 1) * L))


def dert_quad(r, a, s, b, x, tx, T, d):
    pa = palive_quad(r, a, s, b, x, tx, T)
    bt = b + T
    z = d * bt
    f = lambda v: mpmath.exp(-z * v) * (1 + v) ** -s
    sc = 1 / z
    pts = [0, min(sc, 1) / 4, min(sc, 1), 1, sc, 4 * sc, 16 * sc, mpmath.inf]
    pts = sorted(set(pts[:-1])) + [mpmath.inf]
    return pa * (r + x) / (a + T) * bt * _quad(f, pts)


# ----------------------------------------------------------------------------- points
def draw(rng):
    lu = lambda lo, hi: float(math.exp(rng.uniform(math.log(lo), math.log(hi))))
    r, a, s, b = lu(1e-3, 1e3), lu(1e-3, 1e3), lu(1e-3, 1e3), lu(1e-3, 1e3)
    u = rng.random()
    if u < 0.06:
        s = 1.0
    elif u < 0.10:
        s = rng.choice([1 + 1e-8, 1 - 1e-8, 1 + 3e-9, 1 - 5e-9, 1 + 1e-12])
    elif u < 0.14:
        s = lu(0.5, 2)
    return r, a, s, b


def draw_history(rng, heavy):
    lu = lambda lo, hi: float(math.exp(rng.uniform(math.log(lo), math.log(hi))))
    if heavy:
        x = int(round(lu(28, 1e5)))
    else:
        u = rng.random()
        x = 0 if u < 0.25 else (rng.randint(1, 27) if u < 0.7 else int(round(lu(28, 1e5))))
    T = lu(0.01, 1e4)
    if x == 0:
        tx = 0.0
    else:
        v = rng.random()
        if v < 0.15:
            tx = T
        elif v < 0.25:
            tx = T * (1 - 10 ** -rng.randint(2, 6))
        elif v < 0.35:
            tx = T * 10 ** -rng.randint(1, 6)
        else:
            tx = T * rng.random()
    return x, float(tx), T


def horizon(rng, a, T, heavy):
    lu = lambda lo, hi: float(math.exp(rng.uniform(math.log(lo), math.log(hi))))
    if heavy and a + T < 1e4:
        return lu(a + T, 1e4) if rng.random() < 0.7 else min(1e4, (a + T) * rng.choice([1.001, 1.01, 2.0]))
    u = rng.random()
    if u < 0.2:  # z = t/(a+T+t) near 1/2 on both sides, near 0
        return min(1e4, max(0.01, (a + T) * rng.choice([0.999, 1.001, 1e-6, 0.9, 1.1])))
    return lu(0.01, 1e4)


def corners():
    e = [1e-3, 1e3]
    for r in e:
        for a in e:
            for s in e + [1.0]:
                for b in e:
                    yield r, a, s, b


def kept_add(grid, prediction, methods, args):
    """Grid.add, then drops a point whose condition number could not be computed (inf)."""
    if not grid.add(prediction, methods, args, kappa_dps=20):
        return False
    pred, name, kappa, value, a = grid.rows[-1]
    if not math.isfinite(kappa):
        grid.rows.pop()
        grid.counts[(pred, name)] -= 1
        grid.rejected[(pred, name, "condition number not finite")] += 1
        return False
    return True


# ----------------------------------------------------------------------------- shared histories
# palive, palive_at, cexp, dert and cpmf at one history share P(alive): its value (50 and 80
# digits, agreeing to 1e-20) and its logarithmic partial derivatives (for kappa) are computed once;
# each prediction is P(alive) times (or, for cpmf at n = 0, plus) a factor with its own closed
# form, evaluated and differentiated the same way. kappa = sum_i |x_i d ln f / d x_i| as in
# refgrid.Grid._kappa (central differences, relative step 1e-12), over the double inputs.
STEP = mpf(10) ** -12


def _two(fn, args):
    """fn at 50 and 80 digits; the 80-digit value when they agree to 1e-20, else NoValue."""
    vals = []
    for dps in (50, 80):
        with mp.workdps(dps):
            v = fn(*[refgrid._to_mp(a) for a in args])
            if v is None or not mpmath.isfinite(v):
                raise NoValue("not finite")
            vals.append(+v)
    with mp.workdps(80):
        if not (abs(vals[0] - vals[1]) <= refgrid.AGREE * abs(vals[1])):
            raise NoValue("50/80 digits disagree")
    return vals[1]


def _logderivs(fn, args, dps=20):
    """[x_i d ln fn / d x_i] for each float input (0 for ints and zeros)."""
    out = []
    with mp.workdps(dps):
        f0 = fn(*[refgrid._to_mp(a) for a in args])
        for i, a in enumerate(args):
            if isinstance(a, int) or a == 0.0:
                out.append(mpf(0))
                continue
            up = list(args)
            dn = list(args)
            up[i] = mpf(a) * (1 + STEP)
            dn[i] = mpf(a) * (1 - STEP)
            fu = fn(*[refgrid._to_mp(v) for v in up])
            fd = fn(*[refgrid._to_mp(v) for v in dn])
            out.append((fu - fd) / (2 * STEP) / f0)
    return out


def _first_method(methods, args):
    for name, fn in methods:
        try:
            return name, fn, _two(fn, args)
        except (NoValue, mpmath.libmp.NoConvergence, ZeroDivisionError, ValueError):
            continue
    raise NoValue("no method converged")


def _row(grid, prediction, method, kappa, value, args):
    if not (math.isfinite(kappa) and value != 0):
        grid.rejected[(prediction, method, "condition number not finite")] += 1
        return False
    grid.rows.append((prediction, method, kappa, value, args))
    grid.counts[(prediction, method)] += 1
    return True


def history_block(grid, want, p, x, tx, T, t, d, n):
    """Adds, for one history, the rows of the predictions in `want` (a dict name -> still wanted)."""
    base = tuple(p) + (x, tx, T)
    try:
        pname, pfn, pval = _first_method([("fh2005", palive_2f1), ("quad", palive_quad)], base)
        pd = _logderivs(pfn, base, dps=15)  # r, a, s, b, x, tx, T
    except Exception as e:  # noqa: BLE001
        for k in want:
            if want[k] > 0:
                grid.rejected[(k, "all", "P(alive): %s" % type(e).__name__)] += 1
        return
    if want.get("palive", 0) > 0:
        if _row(grid, "palive", pname, float(sum(abs(v) for v in pd)), pval, base):
            want["palive"] -= 1
    def factor_row(name, label, ffn, fargs, fidx, args):
        """ffn(*fargs): factor; fidx[i] = position in args of fargs[i] (None: not an input)."""
        try:
            fv = _two(ffn, fargs)
            fdv = _logderivs(ffn, fargs, dps=15)
        except Exception as e:  # noqa: BLE001
            grid.rejected[(name, label, "factor: %s" % type(e).__name__)] += 1
            return
        tot = [mpf(0)] * len(args)
        for i in range(7):
            tot[i] += pd[i]
        for k, pos in enumerate(fidx):
            if pos is not None:
                tot[pos] += fdv[k]
        with mp.workdps(80):
            value = pval * fv
        if _row(grid, name, label, float(sum(abs(v) for v in tot)), value, args):
            want[name] -= 1
    if want.get("palive_at", 0) > 0:
        factor_row("palive_at", pname, lambda s_, b_, T_, t_: ((b_ + T_) / (b_ + T_ + t_)) ** s_,
                   (p[2], p[3], T, t), (2, 3, 6, 7), base + (t,))
    if want.get("cexp", 0) > 0:
        factor_row("cexp", pname, lambda r_, a_, s_, b_, T_, t_: _cexp_factor(r_, a_, s_, b_, x, T_, t_),
                   (p[0], p[1], p[2], p[3], T, t), (0, 1, 2, 3, 6, 7), base + (t,))
    if want.get("dert", 0) > 0:
        # FHL 2005 eq. 2 with Psi(s, s; z) = z^(1-s) U(1, 2-s, z): P(alive) (r+x)/(a+T) (b+T)^s
        # d^(s-1) Psi(s, s; d(b+T))
        factor_row("dert", pname + "+hyperu",
                   lambda r_, a_, s_, b_, T_, d_: (r_ + x) / (a_ + T_) * (b_ + T_) ** s_
                   * d_ ** (s_ - 1) * mpmath.hyperu(s_, s_, d_ * (b_ + T_)),
                   (p[0], p[1], p[2], p[3], T, d), (0, 1, 2, 3, 6, 7), base + (d,))
    if want.get("cpmf", 0) > 0:
        args = tuple(p) + (n, x, tx, T, t)
        new = lambda r_, a_, s_, b_, T_, t_: pmf_any(r_ + x, a_ + T_, s_, b_ + T_, n, t_)
        fargs = (p[0], p[1], p[2], p[3], T, t)
        try:
            fv = _two(new, fargs)
            fdv = _logderivs(new, fargs, dps=15)
        except Exception as e:  # noqa: BLE001
            grid.rejected[("cpmf", "all", "P_new: %s" % type(e).__name__)] += 1
            return
        with mp.workdps(80):
            if n == 0:
                value = (1 - pval) + pval * fv
                # x_i dV/dx_i / V = (e_i P (p0 - 1) + g_i P p0) / V
                pos = {0: 0, 1: 1, 2: 2, 3: 3, 6: 4}
                kap = mpf(0)
                # inputs r a s b (tx) T t -> P derivs pd[0..3], pd[5], pd[6]; P_new derivs fdv[0..5]
                for pi, fi in ((0, 0), (1, 1), (2, 2), (3, 3), (5, None), (6, 4), (None, 5)):
                    e = pd[pi] if pi is not None else 0
                    g = fdv[fi] if fi is not None else 0
                    kap += abs((e * pval * (fv - 1) + g * pval * fv) / value)
            else:
                value = pval * fv
                kap = sum(abs(v) for v in (pd[0] + fdv[0], pd[1] + fdv[1], pd[2] + fdv[2],
                                           pd[3] + fdv[3], pd[5], pd[6] + fdv[4], fdv[5]))
        if _row(grid, "cpmf", pname + "+pmf", float(kap), value, args):
            want["cpmf"] -= 1


def pmf_any(r, a, s, b, n, t):
    try:
        return pmf_fhl(r, a, s, b, n, t)
    except (NoValue, mpmath.libmp.NoConvergence, ZeroDivisionError, ValueError):
        return pmf_quad(r, a, s, b, n, t)


def main():
    out = sys.argv[1]
    per = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20261127
    which = sys.argv[4]
    rng = random.Random(seed)
    grid = refgrid.Grid("Pareto/NBD reference grid (%s), seed %d" % (which, seed))
    cdnow = (0.5534, 10.5802, 0.6061, 11.6562)
    corner_list = list(corners())

    def hist_points(with_t):
        for c in ([] if os.environ.get("SKIP_CORNERS") else corner_list):
            for (x, tx, T) in [(0, 0.0, 0.01), (100000, 0.01, 1e4), (30, 0.01, 0.01)]:
                yield (c, x, tx, T, 1e4 if with_t else None)
        yield (cdnow, 26, 30.86, 31.0, 52.0)
        yield (cdnow, 2, 5.0, 10.0, 52.0)
        i = 0
        while True:
            heavy = with_t and i % 100 < 35
            i += 1
            p = draw(rng)
            x, tx, T = draw_history(rng, heavy)
            t = horizon(rng, p[1], T, heavy) if with_t else None
            yield (p, x, tx, T, t)

    m_pa = [("fh2005", palive_2f1), ("quad", palive_quad)]

    def run(prediction, methods, points):
        kept = 0
        for args in points:
            if kept >= per:
                break
            if kept_add(grid, prediction, methods, args):
                kept += 1
                if kept % 50 == 0:  # checkpoint
                    grid.write(out)

    if which.startswith("shared:"):
        names = which.split(":")[1].split(",")
        want = {k: per for k in names}
        hist = hist_points(True)
        while any(v > 0 for v in want.values()):
            (p, x, tx, T, t) = next(hist)
            d = float(math.exp(rng.uniform(math.log(1e-4), math.log(10))))
            u = rng.random()
            if u < 0.35:
                n = 0
            elif u < 0.6:
                n = rng.randint(1, 27)
            else:
                m = float(_cexp_factor(mpf(p[0]), mpf(p[1]), mpf(p[2]), mpf(p[3]), x, mpf(T), mpf(t)))
                n = min(20000, max(0, int(round(m * math.exp(rng.uniform(-0.3, 0.3))))))
            before = len(grid.rows)
            history_block(grid, want, p, x, tx, T, t, d, n)
            if len(grid.rows) // 50 > before // 50:  # checkpoint
                grid.write(out)
    elif which == "palive":
        run("palive", m_pa, (p + (x, tx, T) for (p, x, tx, T, _) in hist_points(False)))
    elif which == "palive_at":
        fs = [(n, (lambda f: lambda r, a, s, b, x, tx, T, t: f(r, a, s, b, x, tx, T)
                   * ((b + T) / (b + T + t)) ** s)(f)) for n, f in m_pa]
        run("palive_at", fs, (p + (x, tx, T, t) for (p, x, tx, T, t) in hist_points(True)))
    elif which == "cexp":
        fs = [(n, (lambda f: lambda r, a, s, b, x, tx, T, t: f(r, a, s, b, x, tx, T)
                   * _cexp_factor(r, a, s, b, x, T, t))(f)) for n, f in m_pa]
        run("cexp", fs, (p + (x, tx, T, t) for (p, x, tx, T, t) in hist_points(True)))
    elif which == "ex":
        def pts():
            for c in ([] if os.environ.get("SKIP_CORNERS") else corner_list):
                for t in (0.01, 1e4):
                    yield tuple(c) + (t,)
            while True:
                p = draw(rng)
                yield tuple(p) + (horizon(rng, p[1], 0.0, False),)
        run("ex", [("smc1987", ex)], pts())
    elif which == "pmf":
        def pts():
            for c in ([] if os.environ.get("SKIP_CORNERS") else corner_list):
                for n, t in ((0, 0.01), (0, 1e4), (1000, 1e4), (5, 1.0)):
                    yield tuple(c) + (n, t)
            while True:
                p = draw(rng)
                u = rng.random()
                n = 0 if u < 0.25 else (rng.randint(1, 27) if u < 0.7 else int(round(
                    math.exp(rng.uniform(math.log(28), math.log(1e4))))))
                yield tuple(p) + (n, float(math.exp(rng.uniform(math.log(0.01), math.log(1e4)))))
        run("pmf", [("fhl2006", pmf_fhl), ("quad", pmf_quad)], pts())
    elif which == "dert":
        run("dert", [("fhl2005", dert_fhl), ("quad", dert_quad)],
            (p + (x, tx, T, float(math.exp(rng.uniform(math.log(1e-4), math.log(10)))))
             for (p, x, tx, T, _) in hist_points(False)))
    elif which == "cpmf":
        def pts():
            for (p, x, tx, T, t) in hist_points(True):
                u = rng.random()
                if u < 0.35:
                    n = 0
                elif u < 0.6:
                    n = rng.randint(1, 27)
                else:
                    m = float(_cexp_factor(mpf(p[0]), mpf(p[1]), mpf(p[2]), mpf(p[3]), x,
                                           mpf(T), mpf(t)))
                    n = min(20000, max(0, int(round(m * math.exp(rng.uniform(-0.3, 0.3))))))
                yield p + (n, x, tx, T, t)
        run("cpmf", [("fh", cpmf_fhl), ("quad", cpmf_quad)], pts())
    grid.write(out)


if __name__ == "__main__":
    main()
