"""Merges shard outputs of gen_hyp2f1.py (HYP_FROM/HYP_TO runs) into one grid file.

Usage: python3 tools/refgrid/merge_hyp2f1.py OUT.tsv.gz SHARD1.tsv.gz SHARD2.tsv.gz ...
Keeps the header of the first shard with the total point count; drops repeated points.
"""
import gzip
import sys


def main(out, shards):
    header, rows, seen = None, [], set()
    for path in shards:
        with gzip.open(path, "rt", encoding="ascii") as f:
            lines = f.readlines()
        hdr = [l for l in lines if l.startswith("#")]
        if header is None:
            header = hdr
        for l in lines:
            if l.startswith("#"):
                continue
            key = tuple(l.rstrip("\n").split("\t")[4:8])
            if key not in seen:
                seen.add(key)
                rows.append(l)
    header[1] = header[1].split(";")[0] + "; %d points\n" % len(rows)
    with gzip.open(out, "wt", encoding="ascii", compresslevel=9) as o:
        o.writelines(header + rows)
    print("%d points" % len(rows))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
