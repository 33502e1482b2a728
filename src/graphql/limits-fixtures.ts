/**
 * The query that once stalled the server (issue "Safe to open to every
 * partner", §1): any analyst looping spstis → cpoms → volets → fiches (now `actions`) → cpom
 * over 8 levels got 80 MB back in 15-23 s. Kept as data for the limits'
 * tests and for tools/limits-report.ts, which shows its estimated cost next
 * to the operations that must pass.
 */
export const EXPENSIVE_LOOP = `{ spstis { cpoms { volets { actions { cpom { volets { actions { cpom { volets { actions { title } } } } } } } } } } }`;
