/**
 * Implementation helpers: argument checks, day clocks, numerics. Numerical machinery shared by the
 * models: maximum-likelihood fitting ({@link dev.retention.internal.MaximumLikelihood},
 * {@link dev.retention.internal.Bfgs}) and special functions not offered by Hipparchus
 * ({@link dev.retention.internal.Hypergeometric}). Not API: may change in any release.
 */
package dev.retention.internal;
