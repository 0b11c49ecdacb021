/**
 * PostgreSQL array literals ('{a,"b c",NULL}') built in one pass, for set-based statements that send thousands of
 * values a call (`unnest($1::text[], ...)`). The driver's own conversion of a JS array quotes and escapes each
 * element with two regular expressions and a function call or more; on the intake of detections that was a
 * tenth of the server's work per detection (npm run bench:events). The literal is sent as text and read by the
 * server's array input, exactly as the driver's would be.
 */

const NEEDS_ESCAPE = /["\\]/;

/** A text[] literal: every value quoted (so empty strings, spaces, commas and braces stay themselves), null as NULL. */
export function textArray(values: readonly (string | null | undefined)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else if (NEEDS_ESCAPE.test(v)) out += `"${v.replace(/["\\]/g, '\\$&')}"`;
    else out += `"${v}"`;
  }
  return `${out}}`;
}

/** A numeric array literal (int, bigint, real, float8): finite numbers as JavaScript prints them, null as NULL. */
export function numberArray(values: readonly (number | bigint | null | undefined)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'bigint' || Number.isFinite(v)) out += String(v);
    else throw new RangeError(`not a finite number: ${v}`);
  }
  return `${out}}`;
}
