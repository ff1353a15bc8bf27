package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.clv.CustomerBaseSimulator.Process;
import dev.retention.internal.LikelihoodObjective;
import dev.retention.internal.MaximumLikelihood;
import dev.retention.time.ModelTimeUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every fitter ends within its documented work budget ({@link FitOptions#maxEvaluations()},
 * {@link FitOptions#maxIterations()}) and says so in a {@link ModelFitException} naming the
 * budget, with the data summary; a parameter running to the boundary stops the search early; and
 * {@link ModelFit#warnings()} applies its documented identification rule.
 */
class FitBudgetTest {

  /** Counts the evaluations of a wrapped objective. */
  static final class Counting implements LikelihoodObjective {
    final LikelihoodObjective o;
    int calls;

    Counting(LikelihoodObjective o) {
      this.o = o;
    }

    @Override
    public String modelName() {
      return o.modelName();
    }

    @Override
    public List<String> parameterNames() {
      return o.parameterNames();
    }

    @Override
    public double[] startingPoint() {
      return o.startingPoint();
    }

    @Override
    public double observations() {
      return o.observations();
    }

    @Override
    public ModelTimeUnit timeUnit() {
      return o.timeUnit();
    }

    @Override
    public String dataSummary() {
      return o.dataSummary();
    }

    @Override
    public double logLikelihood(double[] params, double[] gradient) {
      calls++;
      return o.logLikelihood(params, gradient);
    }
  }

  static RecencyFrequencyData cdnowLike() {
    double[] ages = new double[2000];
    for (int i = 0; i < ages.length; i++) {
      ages[i] = 27 + (i % 85) / 7.0;
    }
    // FHL (2005) CDNOW estimates as the truth
    return CustomerBaseSimulator.simulate(Process.BG_NBD, 0.243, 4.414, 0.793, 2.426, ages, 0,
        ModelTimeUnit.WEEKS, 5);
  }

  @Test
  void bfgsStopsAtTheEvaluationBudgetAndSaysSo() {
    RecencyFrequencyData data = cdnowLike();
    Counting c = new Counting(BgNbdModel.likelihood(data));
    ModelFitException e = assertThrows(ModelFitException.class,
        () -> MaximumLikelihood.fit(c, FitOptions.defaults().withMaxEvaluations(5)));
    System.out.println(e.getMessage());
    assertTrue(e.reason().contains("evaluation budget 5 spent"), e.getMessage());
    assertTrue(e.reason().contains("budget 1000 iterations, 5 evaluations"), e.getMessage());
    assertEquals(data.summary(), e.dataSummary());
    // 5 in the search, 1 for the log-likelihood at the point where it stopped
    assertTrue(c.calls <= 6, "objective evaluated " + c.calls + " times");
  }

  @Test
  void bfgsBudgetWithoutRequiredConvergenceGivesAFlaggedFit() {
    Counting c = new Counting(BgNbdModel.likelihood(cdnowLike()));
    ModelFit f = MaximumLikelihood.fit(c,
        FitOptions.defaults().withMaxEvaluations(5).withRequireConvergence(false));
    assertFalse(f.converged());
    assertTrue(f.evaluations() <= 5, f.toString());
    assertTrue(f.warnings().get(0).startsWith("not converged"), f.toString());
    assertTrue(f.toString().contains("WARNING: not converged"), f.toString());
    // 5 in the search, 1 for the final log-likelihood, 2k = 8 for the Hessian
    assertTrue(c.calls <= 5 + 1 + 8, "objective evaluated " + c.calls + " times");
  }

  @Test
  void defaultBudgetIsDocumentedValue() {
    assertEquals(5000, FitOptions.defaults().maxEvaluations());
    assertEquals(1000, FitOptions.defaults().maxIterations());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FitOptions.defaults().withMaxEvaluations(0));
    assertEquals("maxEvaluations must be >= 1, was 0", e.getMessage());
  }

  /**
   * LL(θ) = ln θ increases without bound: without the search box BFGS would take 1000 iterations
   * (its gradient in ln θ is the constant 1); with it, steps of at most 3 in ln θ reach
   * ln 1e12 ≈ 27.6 within about ten iterations and the fit fails with the boundary reason.
   */
  @Test
  void runawayParameterStopsEarlyWithBoundaryReason() {
    int[] calls = new int[1];
    LikelihoodObjective unbounded = new LikelihoodObjective() {
      @Override
      public String modelName() {
        return "Unbounded";
      }

      @Override
      public List<String> parameterNames() {
        return List.of("theta");
      }

      @Override
      public double[] startingPoint() {
        return new double[] {1.0};
      }

      @Override
      public double observations() {
        return 1;
      }

      @Override
      public ModelTimeUnit timeUnit() {
        return null;
      }

      @Override
      public String dataSummary() {
        return "no data";
      }

      @Override
      public double logLikelihood(double[] p, double[] g) {
        calls[0]++;
        if (g != null) {
          g[0] = 1 / p[0];
        }
        return Math.log(p[0]);
      }
    };
    ModelFitException e = assertThrows(ModelFitException.class,
        () -> MaximumLikelihood.fit(unbounded, FitOptions.defaults()));
    System.out.println(e.getMessage() + " (" + calls[0] + " evaluations)");
    assertTrue(e.reason().startsWith("parameter theta ran to the boundary"), e.getMessage());
    assertTrue(calls[0] <= 60, calls[0] + " evaluations");
  }

  @Test
  void interruptedFitsStopAndKeepTheInterruptStatus() {
    RecencyFrequencyData data = cdnowLike();
    ShiftedBetaGeometricData sbg = ShiftedBetaGeometricData.of(1000, 631, 468, 382, 326);
    Thread.currentThread().interrupt();
    try {
      ModelFitException e = assertThrows(ModelFitException.class, () -> BgNbdModel.fit(data));
      assertTrue(e.reason().contains("interrupted"), e.getMessage());
      assertTrue(Thread.currentThread().isInterrupted());
      ModelFitException n = assertThrows(ModelFitException.class,
          () -> ShiftedBetaGeometricModel.fit(sbg));
      assertTrue(n.reason().contains("interrupted"), n.getMessage());
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted(); // clear it for the next tests on this thread
    }
    // and without the interrupt the same fits succeed
    assertTrue(BgNbdModel.fit(data).fitResult().orElseThrow().converged());
  }

  @Test
  void newtonFitsStopAtTheEvaluationBudget() {
    GammaGammaData spend = GammaGammaSimulator.of(GammaGammaModel.of(6.25, 3.74, 15.44))
        .simulate(new int[] {1, 2, 3, 4, 5, 6, 1, 2, 3, 1, 1, 2, 4, 8, 2, 1, 3, 5, 2, 1}, 3);
    ModelFitException gg = assertThrows(ModelFitException.class,
        () -> GammaGammaModel.fit(spend, FitOptions.defaults().withMaxEvaluations(2)));
    assertTrue(gg.reason().contains("evaluation budget 2 spent"), gg.getMessage());
    assertTrue(gg.dataSummary().startsWith("20 rows"), gg.getMessage());

    BetaGeometricBetaBinomialData bgbb = BetaGeometricBetaBinomialSimulator
        .of(BetaGeometricBetaBinomialModel.of(1.2, 0.75, 0.66, 2.78)).simulate(3000, 6, 4);
    ModelFitException b = assertThrows(ModelFitException.class, () ->
        BetaGeometricBetaBinomialModel.fit(bgbb, FitOptions.defaults().withMaxEvaluations(3)));
    assertTrue(b.reason().contains("evaluation budget 3 spent"), b.getMessage());

    ShiftedBetaGeometricData sbg =
        ShiftedBetaGeometricData.of(1000, 631, 468, 382, 326, 289, 262, 241); // FH (2007)
    ModelFitException s = assertThrows(ModelFitException.class,
        () -> ShiftedBetaGeometricModel.fit(sbg, FitOptions.defaults().withMaxEvaluations(1)));
    assertTrue(s.reason().contains("evaluation budget 1 spent"), s.getMessage());
    assertTrue(s.dataSummary().startsWith("cohort of 1000"), s.getMessage());

    ModelFit flagged = ShiftedBetaGeometricModel.fit(sbg,
        FitOptions.defaults().withMaxEvaluations(1).withRequireConvergence(false))
        .fitResult().orElseThrow();
    assertFalse(flagged.converged());
    assertEquals(1, flagged.evaluations());
    assertTrue(flagged.hasWarnings(), flagged.toString());
  }

  /**
   * A real degenerate fit: Pareto/NBD on set 36 of {@link FitGridTest} (r = 0.1, α = 100,
   * s = β = 0.1; 2,000 customers of whom about 97% never repeat) converges, but the death-rate
   * scale β is barely constrained (its standard error was 14.6 times the estimate when this test
   * was written): the fit must carry the warning and show it in its report.
   */
  @Test
  void degenerateRealFitCarriesTheWarning() {
    RecencyFrequencyData data = FitGridTest.simulate(Process.PARETO_NBD, FitGridTest.truth(36),
        36);
    ModelFit f = ParetoNbdModel.fit(data).fitResult().orElseThrow();
    System.out.println(f);
    assertTrue(f.converged());
    double ratio = f.standardError("beta") / f.parameter("beta");
    assertTrue(ratio > ModelFit.IDENTIFICATION_SE_RATIO, f.toString());
    assertTrue(f.warnings().stream().anyMatch(w -> w.startsWith("beta is not identified")),
        f.toString());
    assertTrue(f.toString().contains("WARNING: beta is not identified"), f.toString());
  }

  /**
   * The identification rule by hand: estimates 0.1, 1, 2 with variances 4, 0.81, 400 give
   * standard errors 2 (20× the estimate: flagged), 0.9 (0.9×: clean) and 20 (exactly 10×: not
   * more than 10×, clean).
   */
  @Test
  void identificationWarningFollowsTheTenTimesRule() {
    double[][] cov = {{4, 0, 0}, {0, 0.81, 0}, {0, 0, 400}};
    ModelFit f = ModelFit.of("Test", List.of("a", "b", "c"), new double[] {0.1, 1, 2}, -10, 3, 4,
        1e-9, true, cov, 100, null, 0);
    assertEquals(10.0, ModelFit.IDENTIFICATION_SE_RATIO);
    assertEquals(1, f.warnings().size(), f.toString());
    String w = f.warnings().get(0);
    assertEquals("a is not identified by the data: standard error 2.00 is 20.0 times the"
        + " estimate 0.1000 (rule: more than 10 times)", w);
    assertTrue(f.toString().contains("WARNING: " + w), f.toString());

    ModelFit clean = ModelFit.of("Test", List.of("b"), new double[] {1}, -10, 3, 4, 1e-9, true,
        new double[][] {{0.81}}, 100, null, 0);
    assertTrue(clean.warnings().isEmpty());
    assertFalse(clean.toString().contains("WARNING"));
  }
}
