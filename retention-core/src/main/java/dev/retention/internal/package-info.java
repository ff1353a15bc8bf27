/**
 * Implementation helpers, not API (may change at any time): argument checks, day clocks, and the
 * numerical machinery shared by the models: maximum-likelihood fitting
 * ({@link dev.retention.internal.MaximumLikelihood}, {@link dev.retention.internal.Bfgs}) and
 * special functions not offered by Hipparchus ({@link dev.retention.internal.Hypergeometric},
 * {@link dev.retention.internal.GammaRatios}).
 */
package dev.retention.internal;
