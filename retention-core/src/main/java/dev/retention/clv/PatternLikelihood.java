package dev.retention.clv;

import dev.retention.internal.LikelihoodObjective;
import dev.retention.time.ModelTimeUnit;

/**
 * The part of a continuous-time model's likelihood that only depends on its compressed
 * (x, t_x, T) patterns: the number of observations, the time unit and the data summary. The
 * BG/NBD family and Pareto/NBD objectives extend it and add their log-likelihood.
 */
abstract class PatternLikelihood implements LikelihoodObjective {
  final Patterns p;
  final ModelTimeUnit unit;

  PatternLikelihood(Patterns p, ModelTimeUnit unit) {
    this.p = p;
    this.unit = unit;
  }

  @Override
  public final double observations() {
    return p.totalWeight;
  }

  @Override
  public final ModelTimeUnit timeUnit() {
    return unit;
  }

  @Override
  public final String dataSummary() {
    return p.summary;
  }
}
