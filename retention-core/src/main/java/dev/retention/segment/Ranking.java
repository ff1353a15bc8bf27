package dev.retention.segment;

/** A primitive index sort (merge sort over an int permutation, stable). Not API. */
final class Ranking {
  private Ranking() {}

  /** Comparator over two indices. */
  interface IndexComparator {
    int compare(int a, int b);
  }

  /** The indices {@code 0..n-1} sorted by {@code cmp} (stable). */
  static int[] order(int n, IndexComparator cmp) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    int[] tmp = new int[n];
    sort(a, tmp, 0, n, cmp);
    return a;
  }

  private static void sort(int[] a, int[] tmp, int lo, int hi, IndexComparator cmp) {
    if (hi - lo <= 24) {
      for (int i = lo + 1; i < hi; i++) {
        int x = a[i];
        int j = i - 1;
        while (j >= lo && cmp.compare(a[j], x) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    sort(a, tmp, lo, mid, cmp);
    sort(a, tmp, mid, hi, cmp);
    if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, lo, tmp, lo, hi - lo);
    int i = lo;
    int j = mid;
    for (int k = lo; k < hi; k++) {
      if (j >= hi || (i < mid && cmp.compare(tmp[i], tmp[j]) <= 0)) {
        a[k] = tmp[i++];
      } else {
        a[k] = tmp[j++];
      }
    }
  }
}
