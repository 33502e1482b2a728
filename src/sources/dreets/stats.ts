/**
 * Rates computed from counts, never stored. Pure functions, shared by the
 * GraphQL type resolvers and the tests.
 */

/** Two-sided 95 % normal quantile. */
export const Z95 = 1.959963984540054;

/** Prevalence in percent; null when nobody was asked. */
export function prevalence(count: number, n: number): number | null {
  return n > 0 ? (100 * count) / n : null;
}

/**
 * Wilson score interval, in percent. Chosen over the Wald interval because
 * survey cells are often small and prevalences near 0 (MCP hearing cases):
 * Wald then gives negative bounds or a zero-width interval, Wilson does not.
 */
export function wilsonInterval(count: number, n: number, z = Z95): { low: number; high: number } | null {
  if (n <= 0) return null;
  const p = count / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: 100 * Math.max(0, centre - half), high: 100 * Math.min(1, centre + half) };
}
