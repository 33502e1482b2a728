/** A linear constraint every reader knows: value(total) = Σ value(parts). Cell indexes. */
export interface Equation {
  total: number;
  parts: readonly number[];
}
