package dev.retention.clv;

/**
 * Thrown when a model cannot be fitted honestly: the optimiser did not converge within its work
 * budget ({@link FitOptions#maxIterations()} iterations, {@link FitOptions#maxEvaluations()}
 * likelihood evaluations; the reason names the budget, the work done and where the search
 * stopped), a parameter ran to the boundary of its domain (towards 0 or infinity), the likelihood
 * became non-finite, or the Hessian at the optimum is not positive definite so the parameters are
 * not identified (the reason gives the point). Fits that end normally but leave a parameter
 * poorly identified are not exceptions: see {@link ModelFit#warnings()}.
 *
 * <p>The message says what went wrong ({@link #reason()}) and summarises the data that caused it
 * ({@link #dataSummary()}: number of customers, share with no repeat purchase, mean and maximum
 * frequency, span of ages), so that a caller can see, for example, that a data set without any
 * repeat purchase cannot identify the purchase-rate parameters. Customer ids never appear.
 *
 * <p>Unchecked, because a fit failure is a property of the data that most callers cannot recover
 * from at the call site.
 */
public final class ModelFitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The model name. */
  private final String model;
  /** Why the fit failed. */
  private final String reason;
  /** The data summary (counts and ranges, never ids). */
  private final String dataSummary;

  /**
   * Creates the exception.
   *
   * @param model the model name, for example {@code "BG/NBD"}
   * @param reason why the fit failed
   * @param dataSummary a short summary of the data that was fitted
   */
  public ModelFitException(String model, String reason, String dataSummary) {
    super(model + " fit failed: " + reason + " [data: " + dataSummary + "]");
    this.model = model;
    this.reason = reason;
    this.dataSummary = dataSummary;
  }

  /**
   * The model whose fit failed.
   *
   * @return the model name
   */
  public String model() {
    return model;
  }

  /**
   * Why the fit failed, for example {@code "parameter b ran to the boundary (1.2e9)"}.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }

  /**
   * A summary of the fitted data (counts and ranges, never ids).
   *
   * @return the data summary
   */
  public String dataSummary() {
    return dataSummary;
  }
}
