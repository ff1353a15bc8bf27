package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.time.ModelTimeUnit;
import org.junit.jupiter.api.Test;

/** Fits that cannot be honest throw, naming the reason and summarising the data. */
class FitFailureTest {

  private static RecencyFrequencyData noRepeatPurchases() {
    double[] x = new double[50];
    double[] tx = new double[50];
    double[] t = new double[50];
    for (int i = 0; i < t.length; i++) {
      t[i] = 10 + i;
    }
    return RecencyFrequencyData.of(x, tx, t, ModelTimeUnit.WEEKS);
  }

  @Test
  void noRepeatPurchaseCannotIdentifyTheModels() {
    // with x = 0 everywhere the BG/NBD likelihood (alpha/(alpha+T))^r has no a, b and its
    // maximum is at r -> 0: the fit must fail rather than return arbitrary a, b
    RecencyFrequencyData d = noRepeatPurchases();
    ModelFitException e = assertThrows(ModelFitException.class, () -> BgNbdModel.fit(d));
    assertTrue(e.getMessage().contains("100.0% with x = 0"), e.getMessage());
    ModelFitException p = assertThrows(ModelFitException.class, () -> ParetoNbdModel.fit(d));
    assertTrue(p.dataSummary().contains("50 customers"), p.getMessage());
    assertThrows(ModelFitException.class, () -> MbgNbdModel.fit(d));
  }

  @Test
  void emptyDataThrows() {
    RecencyFrequencyData d = RecencyFrequencyData.of(new double[0], new double[0],
        new double[0], ModelTimeUnit.WEEKS);
    assertThrows(ModelFitException.class, () -> BgNbdModel.fit(d));
    assertThrows(ModelFitException.class, () -> ParetoNbdModel.fit(d));
  }
}
