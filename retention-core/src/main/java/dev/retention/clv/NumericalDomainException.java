package dev.retention.clv;

/**
 * Thrown by a prediction or likelihood whose numerical method cannot reach its stated accuracy
 * with its bounded work at the given inputs: valid values (finite, positive) so far outside the
 * domain the method is proven on (the model classes state it; the reference grids cover
 * parameters from 1e-3 to 1e3) that, for example, an integral does not reach its tail within its
 * panel budget. An {@link IllegalArgumentException}, since the remedy is other inputs; inside a
 * fit it becomes a {@link ModelFitException}.
 */
final class NumericalDomainException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  NumericalDomainException(String message) {
    super(message + " (the inputs lie outside the domain where this computation is proven)");
  }
}
