/**
 * Instants on the wire are ISO 8601 strings (contracts' `DateTime`): views convert the database's Date values
 * here, so what core returns is exactly what the API sends.
 */
export const iso = (d: Date | string): string => (typeof d === 'string' ? new Date(d).toISOString() : d.toISOString());
export const isoOrNull = (d: Date | string | null | undefined): string | null => (d === null || d === undefined ? null : iso(d));
