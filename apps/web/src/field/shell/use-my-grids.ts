/** The basic grids the worker covers (his areas), with their base figures and workers. */
import { useQuery } from '@tanstack/react-query';
import { call } from '../../shared/api.ts';

export function useMyGrids() {
  return useQuery({ queryKey: ['field', 'grids'], queryFn: () => call('territory.listGrids', { query: { kind: 'basic', level: 4, limit: 50 } }), staleTime: 3_600_000 });
}

/** From midnight, China time, to a minute from now: "today" for coverage. */
export function todayWindow(now = new Date()): { from: string; to: string } {
  const china = new Date(now.getTime() + 8 * 3_600_000);
  const midnight = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate()) - 8 * 3_600_000;
  return { from: new Date(midnight).toISOString(), to: new Date(now.getTime() + 60_000).toISOString() };
}
