package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retention.data.TransactionLog;
import dev.retention.summary.CalibrationHoldout;
import dev.retention.summary.CustomerSummaries;
import dev.retention.summary.SummarySpec;
import dev.retention.testing.Cdnow;
import dev.retention.time.ModelTimeUnit;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * End to end on real data: the raw CDNOW 1/10 sample, through TransactionLog and
 * CustomerSummaries, into the BG/NBD and Gamma-Gamma fits, reproduces the published parameters
 * (the other CLV tests start from the published summary files instead).
 */
class CdnowPipelineTest {

  @Test
  void rawTransactionsToPublishedFits() {
    TransactionLog log = Cdnow.log("CDNOW_sample.txt");
    CalibrationHoldout split = CalibrationHoldout.of(log,
        SummarySpec.asOf(LocalDate.of(1997, 9, 30)).withTimeUnit(ModelTimeUnit.WEEKS),
        LocalDate.of(1998, 6, 30));
    CustomerSummaries cal = split.calibration();

    // Fader, Hardie & Lee (2005), "Counting your customers the easy way", CDNOW sample, weeks
    BgNbdModel bg = BgNbdModel.fit(RecencyFrequencyData.from(cal));
    ModelFit f = bg.fitResult().orElseThrow();
    assertEquals(0.2426, f.parameter("r"), 0.2426 * 1e-3);
    assertEquals(4.4135, f.parameter("alpha"), 4.4135 * 1e-3);
    assertEquals(0.7929, f.parameter("a"), 0.7929 * 1e-3);
    assertEquals(2.4258, f.parameter("b"), 2.4258 * 1e-3);
    assertEquals(-9582.43, f.logLikelihood(), 0.01);

    // Fader, Hardie & Lee, "The Gamma-Gamma model of monetary value" (2013 note), 946 repeat buyers
    GammaGammaModel gg = GammaGammaModel.fit(GammaGammaData.fromRepeatCustomers(cal));
    ModelFit g = gg.fitResult().orElseThrow();
    assertEquals(946, (int) g.observations());
    assertEquals(6.2488, g.parameter(0), 6.2488 * 1e-3);
    assertEquals(3.7446, g.parameter(1), 3.7446 * 1e-3);
    assertEquals(15.4477, g.parameter(2), 15.4477 * 1e-3);

    // holdout purchases = distinct (customer, day) pairs in 1997-10-01..1998-06-30, counted
    // independently from the raw rows
    Set<String> holdoutDays = new HashSet<>();
    for (Cdnow.Row row : Cdnow.rows("CDNOW_sample.txt")) {
      if (row.date().isAfter(LocalDate.of(1997, 9, 30))) {
        holdoutDays.add(row.customerId() + "@" + row.date());
      }
    }
    long actual = 0;
    for (int i = 0; i < cal.size(); i++) {
      actual += split.holdoutPurchases(i);
    }
    assertEquals(holdoutDays.size(), actual);
    assertEquals(39.0, split.holdoutLength(), 1e-12); // 273 days
  }
}
