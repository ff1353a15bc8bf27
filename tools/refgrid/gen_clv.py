"""Reference grid of ClvCalculator's CLV sums for BG/NBD, MBG/NBD and Pareto/NBD models.

    python3 tools/refgrid/gen_clv.py retention-core/src/test/resources/refgrid [bgnbd|mbgnbd|pareto ...]

writes clv-<model>.tsv.gz per model (the Java test reads all three; `cat`-free merge is not needed).
Each point is (model parameters, x, t_x, T, period length L (model units), periods K, discount
rate d per period, spend (an int), margin in percent (an int)) and the value

    CLV = spend · margin/100 · sum_{k=1..K} (E[Y(kL)] - E[Y((k-1)L)]) / (1+d)^k

with E[Y(t)] = E[Y(t) | x, t_x, T] evaluated here, independently of the Java code:

BG/NBD (Fader, Hardie and Lee 2005, Marketing Science 24(2), eq. 10):
  E[Y(t)] = P(alive) · (a+b+x-1)/(a-1) · [1 - ((al+T)/(al+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(al+T+t))]
  P(alive) = 1 / (1 + [x>0] a/(b+x-1) ((al+T)/(al+t_x))^(r+x))
  and, where eq. 10 has no value (a = 1) or mpmath's hyp2f1 fails, the defining integral
  P(alive) · E_{p ~ Beta(a, b+x)}[(1 - (1 + p t/(al+T))^-(r+x)) / p] by mpmath.quad.
MBG/NBD (Batislam, Denizel and Filiztekin 2007): the same with Beta(a, b+x+1), i.e.
  E[Y(t)] = P(alive) · (a+b+x)/(a-1) · [1 - ((al+T)/(al+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; z)],
  P(alive) = 1 / (1 + a/(b+x) ((al+T)/(al+t_x))^(r+x)) for every x.
Pareto/NBD (Schmittlein, Morrison and Colombo 1987; Fader and Hardie 2005 note, eqs. 11, 18-19):
  E[Y(t)] = P(alive) · (r+x)/(al+T) · E[(1 - e^(-mu t))/mu],  mu ~ Gamma(s, be+T),
  E[(1 - e^(-mu t))/mu] = (be+T)/(s-1) [1 - ((be+T)/(be+T+t))^(s-1)]   ((be+T) ln(1 + t/(be+T)) at s = 1)
  P(alive) = 1 / (1 + s/(r+s+x) (al+T)^(r+x) (be+T)^s A0), A0 by 2F1 (the note's eq. for al >= be
  and al < be), and where hyp2f1 fails by quadrature of
  s/(r+s+x) A0 = int_{t_x}^{T} s (al+tau)^-(r+x) (be+tau)^-(s+1) dtau.

Self-checks (printed): eq. 10 against the integral, and A0 against its quadrature, at sampled points.
"""
import math
import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))
from refgrid import Grid, NoValue  # noqa: E402

import mpmath  # noqa: E402
from mpmath import mp, mpf  # noqa: E402

OFFSET = int(os.environ.get("REFGRID_SEED_OFFSET", "0"))
SEED = 20261128 + 1000 * OFFSET  # a run with an offset draws other points, without the verbatim ones
_G = {}


def memo(key, fn):
    key = (mp.prec,) + key
    v = _G.get(key)
    if v is None:
        v = _G[key] = fn()
    return v


# ------------------------------------------------------------------ BG family

def bg_palive(r, al, a, b, x, tx, T, mbg):
    if mbg:
        return 1 / (1 + a / (b + x) * ((al + T) / (al + tx)) ** (r + x))
    if x == 0:
        return mpf(1)
    return 1 / (1 + a / (b + x - 1) * ((al + T) / (al + tx)) ** (r + x))


def bg_g_eq10(r, al, a, b, x, T, t, mbg):
    """E_p[(1 - (1+p t/(al+T))^-(r+x))/p] by the 2F1 of eq. 10, after Euler's transformation
    (Abramowitz & Stegun 15.3.3): ((al+T)/(al+T+t))^(r+x) 2F1(r+x, bb; c; z)
    = (1-z)^(a-1) 2F1(c-r-x, a-1; c; z), whose series is short where the untransformed one is
    long (large x, z near 1). The value must lie in (0, (r+x) t/(al+T)]; outside it the 2F1 is
    wrong (mpmath 1.3.0 has such points at large parameters) and the integral is used instead."""
    if a == 1:
        raise NoValue("a = 1")
    if t == 0:
        return mpf(0)
    bb = b + x + (1 if mbg else 0)
    c = a + bb - 1
    z = t / (al + T + t)
    h = mpmath.hyp2f1(c - r - x, a - 1, c, z, maxterms=20000)
    e = c / (a - 1) * (1 - (1 - z) ** (a - 1) * h)
    if not (0 < e <= (r + x) * t / (al + T) * (1 + mpf(10) ** -30)):
        raise NoValue("eq. 10 outside (0, (r+x) tau]")
    return e


def bg_g_integral(r, al, a, b, x, T, t, mbg):
    """The defining integral, with the endpoint singularities removed by substitution:
    p = u^(1/a) on [0, 1/2] (p^(a-1) dp = du/a) and 1 - p = v^(1/bb) on [1/2, 1]."""
    if t == 0:
        return mpf(0)
    bb = b + x + (1 if mbg else 0)
    tau = t / (al + T)
    s = r + x

    def hp(p):  # (1 - (1 + p tau)^-s) / p, smooth at 0 (-> s tau)
        if p == 0:
            return s * tau
        return -mpmath.expm1(-s * mpmath.log1p(p * tau)) / p

    half = mpf(1) / 2
    scale = 1 / (tau * s)  # where hp turns over
    m = a / (a + bb)  # mean of p
    sd = mpmath.sqrt(a * bb / ((a + bb) ** 2 * (a + bb + 1)))
    marks = [q for q in [scale / 100, scale, scale * 100] + [m + k * sd / 2 for k in range(-80, 81)]
             if 0 < q < 1]

    def lower(p):
        return hp(p) * p ** (a - 1) * (1 - p) ** (bb - 1)

    if a < 1:  # p = u^(1/a): p^(a-1) dp = du / a
        def f1(u):
            p = u ** (1 / a)
            return hp(p) * (1 - p) ** (bb - 1) / a
        i1 = mpmath.quad(f1, sorted(set([mpf(0), half ** a] + [q ** a for q in marks if q < half])))
    else:
        i1 = mpmath.quad(lower, sorted(set([mpf(0), half] + [q for q in marks if q < half])))
    if bb < 1:  # 1 - p = v^(1/bb): (1-p)^(bb-1) dp = -dv / bb
        def f2(v):
            p = 1 - v ** (1 / bb)
            return hp(p) * p ** (a - 1) / bb
        i2 = mpmath.quad(f2, sorted(set([mpf(0), half ** bb]
                                        + [(1 - q) ** bb for q in marks if q > half])))
    else:
        i2 = mpmath.quad(lower, sorted(set([half, mpf(1)] + [q for q in marks if q > half])))
    return (i1 + i2) / mpmath.beta(a, bb)


def make_bg(mbg):
    tag = "mbg" if mbg else "bg"

    def ey(method, r, al, a, b, x, tx, T, t):
        g = memo((tag, method, r, al, a, b, x, T, t), lambda: method(r, al, a, b, x, T, t, mbg))
        return bg_palive(r, al, a, b, x, tx, T, mbg) * g

    return ey


# ------------------------------------------------------------------ Pareto/NBD

def pareto_a0_term_2f1(r, al, s, be, x, tx, T):
    """s/(r+s+x) (al+T)^(r+x) (be+T)^s A0 (the note's closed form)."""
    rsx = r + s + x
    if al >= be:
        def h(u):
            return mpmath.hyp2f1(rsx, s + 1, rsx + 1, (al - be) / (al + u)) / (al + u) ** rsx
    else:
        def h(u):
            return mpmath.hyp2f1(rsx, r + x, rsx + 1, (be - al) / (be + u)) / (be + u) ** rsx
    a0 = h(tx) - h(T)
    return s / rsx * (al + T) ** (r + x) * (be + T) ** s * a0


def pareto_a0_term_quad(r, al, s, be, x, tx, T):
    if tx == T:
        return mpf(0)

    def f(u):
        return s * ((al + T) / (al + u)) ** (r + x) * ((be + T) / (be + u)) ** s / (be + u)

    width = min(al + tx, be + tx) / (r + x + s + 1)
    pts = sorted(set([tx] + [tx + k * width for k in (1, 10, 100, 1000) if tx + k * width < T] + [T]))
    return mpmath.quad(f, pts)


def pareto_palive(method, r, al, s, be, x, tx, T):
    return 1 / (1 + memo(("pa", method, r, al, s, be, x, tx, T),
                         lambda: method(r, al, s, be, x, tx, T)))


def pareto_g(r, al, s, be, x, T, t):
    y = (be + T) / (be + T + t)
    if s == 1:
        m = (be + T) * mpmath.log1p(t / (be + T))
    else:
        m = (be + T) / (s - 1) * -mpmath.expm1((s - 1) * mpmath.log(y))
    return (r + x) / (al + T) * m


# ------------------------------------------------------------------ CLV

def clv_value(ey, r, al, a, b, x, tx, T, L, K, d, spend, pct):
    total = mpf(0)
    prev = mpf(0)
    for k in range(1, K + 1):
        c = ey(r, al, a, b, x, tx, T, k * L)
        total += (c - prev) / (1 + d) ** k
        prev = c
    return spend * (mpf(pct) / 100) * total


def methods_for(model):
    if model == "pareto":
        def ey_closed(r, al, s, be, x, tx, T, t):
            return pareto_palive(pareto_a0_term_2f1, r, al, s, be, x, tx, T) * pareto_g(r, al, s, be, x, T, t)

        def ey_quad(r, al, s, be, x, tx, T, t):
            return pareto_palive(pareto_a0_term_quad, r, al, s, be, x, tx, T) * pareto_g(r, al, s, be, x, T, t)
        pairs = [("note2f1", ey_closed), ("quad", ey_quad)]
    else:
        ey = make_bg(model == "mbgnbd")
        pairs = [("eq10", lambda *v: ey(bg_g_eq10, *v)), ("integral", lambda *v: ey(bg_g_integral, *v))]
    return [(name, (lambda e: lambda *args: clv_value(e, *args))(e)) for name, e in pairs]


def self_check(model, rng):
    with mp.workdps(30):
        worst = mpf(0)
        for _ in range(15):
            r, al, a, b = (mpf(param(rng)) for _ in range(4))
            if a == 1:
                continue
            x, tx, T = history(rng, 200)
            x, tx, T = x, mpf(tx), mpf(T)
            if model == "pareto":
                u = pareto_a0_term_2f1(r, al, a, b, x, tx, T)
                v = pareto_a0_term_quad(r, al, a, b, x, tx, T)
            else:
                t = mpf(10) ** rng.uniform(-2, 3)
                mbg = model == "mbgnbd"
                u = bg_g_eq10(r, al, a, b, x, T, t, mbg)
                v = bg_g_integral(r, al, a, b, x, T, t, mbg)
            if u != 0:
                worst = max(worst, abs(u - v) / abs(u))
        print("%s: closed form vs integral, worst relative difference %s"
              % (model, mpmath.nstr(worst, 3)), flush=True)
        assert worst < mpf(10) ** -12, worst


def param(rng):
    u = rng.random()
    if u < 0.07:
        return 1e-3
    if u < 0.14:
        return 1e3
    return float(10 ** rng.uniform(-3, 3))


EXACT_ONE = os.environ.get("REFGRID_EXACT_ONE", "1") == "1"


def shape(rng):
    """a (BG) or s (Pareto): also exactly 1 (unless REFGRID_EXACT_ONE=0: those points need the
    slow quadrature; the verbatim points keep a = 1) and within 1e-8 of 1."""
    u = rng.random()
    if u < 0.12:
        return rng.choice([1.0, 1.0 + 1e-8, 1.0 - 1e-8] if EXACT_ONE else [1.0 + 1e-8, 1.0 - 1e-8])
    return param(rng)


def history(rng, xmax=10000):
    T = float(10 ** rng.uniform(-2, 4)) if rng.random() > 0.05 else rng.choice([0.01, 10000.0])
    u = rng.random()
    if u < 0.15:
        return 0, 0.0, T
    x = int(round(10 ** rng.uniform(0, math.log10(xmax)))) if rng.random() > 0.1 else xmax
    v = rng.random()
    tx = T if v < 0.25 else (T * rng.random() if v < 0.85 else T * 1e-6)
    return x, float(tx), T


MAX_K = int(os.environ.get("REFGRID_MAX_K", "120"))


def horizon(rng):
    K = int(round(10 ** rng.uniform(0, math.log10(MAX_K)))) if rng.random() > 0.06 else MAX_K
    L = rng.choice([1.0, 7.0, 4.348125, 52.1775, 0.25, 13.0]) if rng.random() < 0.3 \
        else float(10 ** rng.uniform(-2, 2))
    L = min(L, 10000.0 / K)
    d = 0.0 if rng.random() < 0.15 else float(10 ** rng.uniform(-6, 1))
    return L, K, d


ISSUE_MODEL = (0.5787282909697888, 2.5744378664481378, 1.4485734959289642, 12.56074016455556)


def verbatim_points():
    """The examples of the exact-predictions issue as CLV sums (K = 1: CLV = spend · E[Y(t)])."""
    pts = [ISSUE_MODEL + (66, 242 / 7.0, 247 / 7.0, 52.142857142857146, 1, 0.0, 1, 100)]
    for x in (20, 30, 50, 55, 60, 65, 70):
        pts.append(ISSUE_MODEL + (x, 34.0, 35.0, 52.0, 1, 0.0, 1, 100))
    for x in (30, 60, 70):
        pts.append(ISSUE_MODEL + (x, 34.0, 35.0, 4.0, 13, 0.01, 25, 30))
    pts.append((1.0, 1.0, 1.0, 1000.0, 0, 0.0, 1.0, 4.348, 1, 0.0, 1, 100))
    pts.append((1.0, 1.0, 1.0, 1000.0, 1000, 1.0, 1.0, 4.348, 1, 0.0, 1, 100))
    pts.append((1.0, 1.0, 1.0, 1000.0, 1000, 1.0, 1.0, 4.348125, 12, 0.001, 40, 100))
    return pts


POINT_SECONDS = int(os.environ.get("REFGRID_POINT_SECONDS", "0"))


class PointTimeout(BaseException):
    """A point that took longer than REFGRID_POINT_SECONDS (counted as rejected, not dropped)."""


def _alarm(signum, frame):
    raise PointTimeout()


def gen(model, out, n):
    rng = random.Random(SEED + {"bgnbd": 1, "mbgnbd": 2, "pareto": 3}[model])
    if OFFSET == 0:
        self_check(model, random.Random(SEED))
    grid = Grid("CLV sums of ClvCalculator, %s (gen_clv.py)" % model)
    methods = methods_for(model)
    pred = "clv." + model
    pts = verbatim_points() if model != "pareto" and OFFSET == 0 else []
    k = 0
    path = os.path.join(out, "clv-%s.tsv.gz" % model)
    while len(grid.rows) < n:
        if pts:
            args = pts.pop(0)
        else:
            r, al = param(rng), param(rng)
            a, b = shape(rng), param(rng)
            x, tx, T = history(rng)
            L, K, d = horizon(rng)
            spend = int(10 ** rng.uniform(0, 9)) if rng.random() > 0.1 else 1000000000
            pct = rng.choice([100, 100, 35, 1, 60])
            args = (r, al, a, b, x, tx, T, L, K, d, spend, pct)
        if POINT_SECONDS > 0:
            import signal
            signal.signal(signal.SIGALRM, _alarm)
            signal.alarm(POINT_SECONDS)
            try:
                grid.add(pred, methods, args)
            except PointTimeout:
                grid.rejected[(pred, "all", "over %d s" % POINT_SECONDS)] += 1
            finally:
                signal.alarm(0)
        else:
            grid.add(pred, methods, args)
        _G.clear()
        k += 1
        if k % 5 == 0:
            grid.write(path)
            print("checkpoint", k, file=sys.stderr, flush=True)
    grid.write(path)


if __name__ == "__main__":
    out = sys.argv[1]
    n = int(os.environ.get("REFGRID_N", "2000"))
    for m in sys.argv[2:] or ["bgnbd", "mbgnbd", "pareto"]:
        gen(m, out, n)
