package dev.retention.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.benchmarks.CohortWorkload.Cells;
import dev.retention.data.TransactionLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;

/** All implementations of {@link CohortMatrixBenchmark} produce the same matrix on a small input. */
class CohortWorkloadAgreementTest {

  @Test
  void allImplementationsAgree() throws Exception {
    CohortWorkload w = new CohortWorkload(20_000, 7L);
    TransactionLog log = w.log();
    Cells naive = CohortWorkload.cells(CohortWorkload.naive(w.transactions()));
    Cells library = CohortWorkload.cells(CohortWorkload.library(log, false));
    Cells parallel = CohortWorkload.cells(CohortWorkload.library(log, true));
    Cells duck;
    try (Connection c = w.duckDb(); PreparedStatement q = c.prepareStatement(CohortWorkload.SQL)) {
      duck = CohortWorkload.duckDbQuery(q);
    }
    // Non-trivial input: 2000 customers spread over all 36 cohorts, some refunds.
    long members = 0;
    for (long s : naive.size()) {
      members += s;
    }
    assertEquals(2_000, members);
    long refunds = 0;
    for (long a : w.amount) {
      refunds += a < 0 ? 1 : 0;
    }
    assertTrue(refunds > 0, "the workload has refunds");
    assertTrue(naive.active()[CohortWorkload.MONTHS + 1] > 0, "cohort 1, offset 1 has activity");
    assertEquals(naive, library, "library vs naive");
    assertEquals(naive, parallel, "parallel library vs naive");
    assertEquals(naive, duck, "DuckDB vs naive");
  }
}
