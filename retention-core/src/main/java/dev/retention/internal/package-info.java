/** Implementation helpers: argument checks, day clocks, numerics. Not API; may change at any time. */
package dev.retention.internal;
