package dev.retention.data;

import dev.retention.internal.DayClock;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * Puts the rows of a log in their final order (by customer key, then epoch second, then signed
 * amount) and computes their calendar days, in two cache-friendly passes and with no comparison
 * sort over all rows. Not API; not thread-safe; allocation is stated below.
 *
 * <h2>Method</h2>
 *
 * <p>Every row carries a dense key in {@code [0, keys)}, and {@code start[k]} is the first final
 * row of key {@code k}. Any assignment of starts is correct; the passes are fastest when starts
 * mostly ascend with the key (string ids: the key is the lexicographic rank; dense numeric ids:
 * {@code id - min}, whose order agrees with the lexicographic one among ids of equal length).
 *
 * <ol>
 *   <li>When the second and amount ranges of the rows fit together in 63 bits (about 8.5 years of
 *       seconds next to amounts spanning up to 2<sup>34</sup> minor units, or any other split), the
 *       pair is packed into one {@code long} whose numeric order is the (second, amount) order, so
 *       that each later step moves and compares one word per row; when the key's offset in its
 *       bucket fits the word's spare top bits too, it rides there. Otherwise the row index is
 *       carried instead and compared through the columns.
 *   <li>Pass 1, a stable counting scatter into buckets of consecutive keys: about one per
 *       {@value #BUCKET_ROWS} rows, at least 64 and at most {@value #FAN_OUT} (few enough write
 *       streams for the caches and the TLB).
 *   <li>Pass 2, bucket by bucket, in the core's cache: a stable counting scatter by the top
 *       {@value #TIME_BITS} bits of the packed word (a coarse time), then each row is written to
 *       its key's next final slot, so that each key's rows arrive nearly sorted and an insertion
 *       sort finishes them ({@link Arrays#sort(long[], int, int)} for more than {@value
 *       #INSERTION_MAX} rows); the words are then unpacked into the seconds, amounts and days
 *       columns, days by the table of {@link DayClock}.
 * </ol>
 *
 * <p>Allocation: 12 bytes per row of scratch space (4 when the caller lends a spent column) and
 * the 20-byte-per-row result (4 when the input columns have exactly {@code n} entries and the rows
 * pack, as the input columns then become the result), plus 4 bytes per key of a bucket.
 */
final class RowGrouper {
  /** The largest number of buckets in pass 1. */
  static final int FAN_OUT = 1024;
  /** Pass 1 aims at buckets of about this many rows (but at least 64 and at most FAN_OUT). */
  static final int BUCKET_ROWS = 4096;
  /** Groups up to this size are sorted by insertion. */
  static final int INSERTION_MAX = 40;
  /** The bits of the coarse time that orders a bucket's rows before they are placed. */
  static final int TIME_BITS = 8;

  private RowGrouper() {}

  /** The result columns, {@code n} entries each. */
  static final class Columns {
    final long[] seconds;
    final long[] amounts;
    final int[] days;

    Columns(long[] seconds, long[] amounts, int[] days) {
      this.seconds = seconds;
      this.amounts = amounts;
      this.days = days;
    }
  }

  /**
   * Orders the rows.
   *
   * @param key per row, its key in {@code [0, keys)} (read only)
   * @param keys the number of keys
   * @param count per key, its number of rows
   * @param start per key, its first final row (the exclusive prefix sums of {@code count} in key
   *     order)
   * @param sec per row, its epoch second (may be longer than {@code n}; given up by the caller,
   *     who must not use it afterwards: it may become the result's seconds)
   * @param amt per row, its signed amount (may be longer than {@code n}; given up like {@code
   *     sec})
   * @param n the number of rows
   * @param zone the zone deciding calendar days
   * @return new columns in final order
   * @throws ArithmeticException if a calendar day does not fit an {@code int}
   */
  static Columns group(
      int[] key, int keys, int[] count, int[] start, long[] sec, long[] amt, int n, ZoneId zone) {
    long minSec = Long.MAX_VALUE;
    long maxSec = Long.MIN_VALUE;
    long minAmt = Long.MAX_VALUE;
    long maxAmt = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      minSec = Math.min(minSec, sec[i]);
      maxSec = Math.max(maxSec, sec[i]);
      minAmt = Math.min(minAmt, amt[i]);
      maxAmt = Math.max(maxAmt, amt[i]);
    }
    return group(
        key, keys, count, start, sec, amt, n, zone, minSec, maxSec, minAmt, maxAmt, null);
  }

  /**
   * Orders the rows, given the bounds of their seconds and amounts (which the caller found in a
   * pass it makes anyway).
   *
   * @param key per row, its key in {@code [0, keys)} (read only)
   * @param keys the number of keys
   * @param count per key, its number of rows
   * @param start per key, its first final row
   * @param sec per row, its epoch second (given up by the caller, see above)
   * @param amt per row, its signed amount (given up by the caller)
   * @param n the number of rows
   * @param zone the zone deciding calendar days
   * @param minSec the least of {@code sec[0..n)}
   * @param maxSec the greatest of {@code sec[0..n)}
   * @param minAmt the least of {@code amt[0..n)}
   * @param maxAmt the greatest of {@code amt[0..n)}
   * @param scratch an array the caller no longer needs, used for scratch space when it has at
   *     least {@code n} entries (may be null)
   * @return columns in final order
   */
  static Columns group(int[] key, int keys, int[] count, int[] start, long[] sec, long[] amt,
      int n, ZoneId zone, long minSec, long maxSec, long minAmt, long maxAmt, long[] scratch) {
    if (n == 0) {
      return new Columns(new long[0], new long[0], new int[0]);
    }
    DayClock clock = new DayClock(zone, minSec, maxSec);
    // a day outside the int range fails here, once, instead of being checked per row
    Math.toIntExact(clock.epochDay(minSec));
    Math.toIntExact(clock.epochDay(maxSec));
    int amtBits = bits(maxAmt - minAmt, maxAmt, minAmt);
    int secBits = bits(maxSec - minSec, maxSec, minSec);
    boolean packed = amtBits + secBits <= 63;

    // buckets of a few thousand rows keep pass 2 in the core's cache; more of them make pass 1
    // scatter into more streams at once
    int fanOut = 64;
    while (fanOut < FAN_OUT && fanOut * BUCKET_ROWS < n) {
      fanOut *= 2;
    }
    int shift = 0;
    while (((keys - 1) >>> shift) >= fanOut) {
      shift++;
    }
    int buckets = ((keys - 1) >>> shift) + 1;
    int[] bucketStart = new int[buckets + 1];
    for (int k = 0; k < keys; k++) {
      bucketStart[(k >>> shift) + 1] += count[k];
    }
    for (int b = 0; b < buckets; b++) {
      bucketStart[b + 1] += bucketStart[b];
    }
    int valBits = secBits + amtBits;
    // keyed: the key's offset in its bucket rides in the word's spare top bits, so pass 1 writes
    // one word per row
    boolean keyed = packed && valBits + shift <= 63;
    int[] tmpKey = keyed ? null : new int[n];
    long[] tmpVal = scratch != null && scratch.length >= n && scratch != sec && scratch != amt
        ? scratch : new long[n];
    if (keyed) {
      scatterKeyed(key, sec, amt, n, bucketStart.clone(), shift, tmpVal, minSec, minAmt, amtBits,
          valBits);
    } else if (packed) {
      scatterPacked(key, sec, amt, n, bucketStart.clone(), shift, tmpKey, tmpVal, minSec, minAmt,
          amtBits);
    } else {
      scatterIndex(key, n, bucketStart.clone(), shift, tmpKey, tmpVal);
    }
    // packed rows no longer need the input columns: when they are exactly n long they become the
    // result (the caller gives them up), saving 16 bytes per row of allocation and zeroing
    long[] outSec = packed && sec.length == n ? sec : new long[n];
    long[] outAmt = packed && amt.length == n ? amt : new long[n];
    int[] outDays = new int[n];
    int[] cursor = new int[Math.min(keys, 1 << shift)];
    int maxBucket = 0;
    for (int b = 0; b < buckets; b++) {
      maxBucket = Math.max(maxBucket, bucketStart[b + 1] - bucketStart[b]);
    }
    int[] localKey = packed && !keyed ? new int[maxBucket] : null;
    long[] localVal = packed ? new long[maxBucket] : null;
    int[] timeCount = new int[(1 << TIME_BITS) + 1];
    int timeShift = Math.max(0, valBits - TIME_BITS);
    long valMask = valBits >= 63 ? Long.MAX_VALUE : (1L << valBits) - 1;
    long amtMask = amtBits == 64 ? -1L : (1L << amtBits) - 1;
    for (int b = 0; b < buckets; b++) {
      int k0 = b << shift;
      int k1 = Math.min(keys, k0 + (1 << shift));
      int lo = bucketStart[b];
      int hi = bucketStart[b + 1];
      Arrays.fill(cursor, 0, k1 - k0, 0);
      if (keyed) {
        byCoarseTimeKeyed(tmpVal, lo, hi, timeShift, valMask, timeCount, localVal);
        placeKeyed(localVal, hi - lo, valBits, valMask, start, cursor, k0, outSec);
        finishPacked(k0, k1, start, count, outSec, outAmt, outDays, amtBits, amtMask, minSec,
            minAmt, clock);
      } else if (packed) {
        byCoarseTime(tmpKey, tmpVal, lo, hi, timeShift, timeCount, localKey, localVal);
        place(localKey, localVal, 0, hi - lo, start, cursor, k0, outSec);
        finishPacked(k0, k1, start, count, outSec, outAmt, outDays, amtBits, amtMask, minSec,
            minAmt, clock);
      } else {
        place(tmpKey, tmpVal, lo, hi, start, cursor, k0, outSec);
        finishIndexed(k0, k1, start, count, outSec, outAmt, outDays, sec, amt, clock);
      }
    }
    return new Columns(outSec, outAmt, outDays);
  }

  /**
   * Stable counting scatter of a bucket's rows by the top {@value #TIME_BITS} bits of their packed
   * value (a coarse time), so that each key's rows arrive nearly in order and its insertion sort
   * does about one comparison per row.
   */
  private static void byCoarseTime(int[] tmpKey, long[] tmpVal, int lo, int hi, int timeShift,
      int[] timeCount, int[] localKey, long[] localVal) {
    Arrays.fill(timeCount, 0);
    for (int j = lo; j < hi; j++) {
      timeCount[(int) (tmpVal[j] >>> timeShift) + 1]++;
    }
    for (int t = 0; t + 1 < timeCount.length; t++) {
      timeCount[t + 1] += timeCount[t];
    }
    for (int j = lo; j < hi; j++) {
      int d = timeCount[(int) (tmpVal[j] >>> timeShift)]++;
      localKey[d] = tmpKey[j];
      localVal[d] = tmpVal[j];
    }
  }

  /** {@link #byCoarseTime} for words that carry their key offset above {@code valMask}. */
  private static void byCoarseTimeKeyed(long[] tmpVal, int lo, int hi, int timeShift,
      long valMask, int[] timeCount, long[] localVal) {
    Arrays.fill(timeCount, 0);
    for (int j = lo; j < hi; j++) {
      timeCount[(int) ((tmpVal[j] & valMask) >>> timeShift) + 1]++;
    }
    for (int t = 0; t + 1 < timeCount.length; t++) {
      timeCount[t + 1] += timeCount[t];
    }
    for (int j = lo; j < hi; j++) {
      long v = tmpVal[j];
      localVal[timeCount[(int) ((v & valMask) >>> timeShift)]++] = v;
    }
  }

  /** {@link #place} for words that carry their key offset above {@code valBits}. */
  private static void placeKeyed(long[] rowVal, int rows, int valBits, long valMask, int[] start,
      int[] cursor, int k0, long[] out) {
    for (int j = 0; j < rows; j++) {
      long v = rowVal[j];
      int local = (int) (v >>> valBits);
      out[start[k0 + local] + cursor[local]++] = v & valMask;
    }
  }

  /** Writes each row of a bucket to its key's next final slot. */
  private static void place(int[] rowKey, long[] rowVal, int lo, int hi, int[] start,
      int[] cursor, int k0, long[] out) {
    for (int j = lo; j < hi; j++) {
      int k = rowKey[j];
      out[start[k] + cursor[k - k0]++] = rowVal[j];
    }
  }

  private static void finishPacked(int k0, int k1, int[] start, int[] count, long[] outSec,
      long[] outAmt, int[] outDays, int amtBits, long amtMask, long minSec, long minAmt,
      DayClock clock) {
    for (int k = k0; k < k1; k++) {
      int from = start[k];
      int to = from + count[k];
      sortPacked(outSec, from, to);
      for (int r = from; r < to; r++) {
        long p = outSec[r];
        long s = (p >>> amtBits) + minSec;
        outSec[r] = s;
        outAmt[r] = (p & amtMask) + minAmt;
        outDays[r] = (int) clock.epochDay(s);
      }
    }
  }

  private static void finishIndexed(int k0, int k1, int[] start, int[] count, long[] outSec,
      long[] outAmt, int[] outDays, long[] sec, long[] amt, DayClock clock) {
    for (int k = k0; k < k1; k++) {
      int from = start[k];
      int to = from + count[k];
      sortIndexed(outSec, from, to, sec, amt);
      for (int r = from; r < to; r++) {
        int i = (int) outSec[r];
        outSec[r] = sec[i];
        outAmt[r] = amt[i];
        outDays[r] = (int) clock.epochDay(sec[i]);
      }
    }
  }

  /** Bits needed for a non-negative range; 64 when the difference overflowed. */
  private static int bits(long range, long max, long min) {
    if (max >= 0 && min < 0 && range < 0) {
      return 64;
    }
    return 64 - Long.numberOfLeadingZeros(range);
  }

  private static void scatterPacked(
      int[] key, long[] sec, long[] amt, int n, int[] next, int shift, int[] tmpKey, long[] tmpVal,
      long minSec, long minAmt, int amtBits) {
    for (int i = 0; i < n; i++) {
      int k = key[i];
      int d = next[k >>> shift]++;
      tmpKey[d] = k;
      tmpVal[d] = ((sec[i] - minSec) << amtBits) | (amt[i] - minAmt);
    }
  }

  private static void scatterKeyed(
      int[] key, long[] sec, long[] amt, int n, int[] next, int shift, long[] tmpVal,
      long minSec, long minAmt, int amtBits, int valBits) {
    int localMask = (1 << shift) - 1;
    for (int i = 0; i < n; i++) {
      int k = key[i];
      tmpVal[next[k >>> shift]++] = ((long) (k & localMask) << valBits)
          | ((sec[i] - minSec) << amtBits) | (amt[i] - minAmt);
    }
  }

  private static void scatterIndex(
      int[] key, int n, int[] next, int shift, int[] tmpKey, long[] tmpVal) {
    for (int i = 0; i < n; i++) {
      int k = key[i];
      int d = next[k >>> shift]++;
      tmpKey[d] = k;
      tmpVal[d] = i;
    }
  }

  /** Sorts packed (second, amount) words: their numeric order is the row order. */
  private static void sortPacked(long[] v, int from, int to) {
    if (to - from > INSERTION_MAX) {
      Arrays.sort(v, from, to);
      return;
    }
    for (int i = from + 1; i < to; i++) {
      long x = v[i];
      int j = i - 1;
      while (j >= from && x < v[j]) {
        v[j + 1] = v[j];
        j--;
      }
      v[j + 1] = x;
    }
  }

  /** Sorts row indices by (second, amount), stably (a merge sort for large groups). */
  private static void sortIndexed(long[] idx, int from, int to, long[] sec, long[] amt) {
    int len = to - from;
    if (len <= INSERTION_MAX) {
      insertionIndexed(idx, from, to, sec, amt);
      return;
    }
    long[] buf = new long[len];
    mergeIndexed(idx, buf, from, to, sec, amt);
  }

  private static boolean less(long i, long j, long[] sec, long[] amt) {
    long si = sec[(int) i];
    long sj = sec[(int) j];
    return si < sj || (si == sj && amt[(int) i] < amt[(int) j]);
  }

  private static void insertionIndexed(long[] idx, int from, int to, long[] sec, long[] amt) {
    for (int i = from + 1; i < to; i++) {
      long x = idx[i];
      int j = i - 1;
      while (j >= from && less(x, idx[j], sec, amt)) {
        idx[j + 1] = idx[j];
        j--;
      }
      idx[j + 1] = x;
    }
  }

  private static void mergeIndexed(
      long[] idx, long[] buf, int from, int to, long[] sec, long[] amt) {
    if (to - from <= INSERTION_MAX) {
      insertionIndexed(idx, from, to, sec, amt);
      return;
    }
    int mid = (from + to) >>> 1;
    mergeIndexed(idx, buf, from, mid, sec, amt);
    mergeIndexed(idx, buf, mid, to, sec, amt);
    int i = from;
    int j = mid;
    int k = 0;
    while (i < mid && j < to) {
      buf[k++] = less(idx[j], idx[i], sec, amt) ? idx[j++] : idx[i++];
    }
    while (i < mid) {
      buf[k++] = idx[i++];
    }
    while (j < to) {
      buf[k++] = idx[j++];
    }
    System.arraycopy(buf, 0, idx, from, k);
  }
}
