"""Rewrites kappa = 'inf' (what refgrid.Grid.write prints for a point whose value is exactly 0)
as 'Infinity', which Java's Double.parseDouble reads; such points are then checked only by the
1e-300 absolute tolerance. A non-zero value with an infinite kappa (a derivative that could not
be taken) would make its point untestable: such points are removed and listed.

    python3 tools/refgrid/fix_kappa.py FILE.tsv.gz [...]
"""
import gzip
import sys

for path in sys.argv[1:]:
    out = []
    fixed = 0
    for line in gzip.open(path, "rt", encoding="ascii"):
        f = line.rstrip("\n").split("\t")
        if not line.startswith("#") and f[2] == "inf":
            if float(f[3]) != 0.0:
                print("%s: removed (kappa not computable): %s" % (path, line.strip()))
                continue
            f[2] = "Infinity"
            fixed += 1
            line = "\t".join(f) + "\n"
        out.append(line)
    with gzip.open(path, "wt", encoding="ascii", compresslevel=9) as w:
        w.writelines(out)
    print("%s: %d zero-valued points given kappa Infinity" % (path, fixed))
