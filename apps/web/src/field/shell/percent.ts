/** A share as the worker reads it: 0.4% (not 0%) when small, 37% when not. */
export function percent(ratio: number): string {
  const p = ratio * 100;
  return p > 0 && p < 10 ? `${p.toFixed(1)}%` : `${Math.round(p)}%`;
}
