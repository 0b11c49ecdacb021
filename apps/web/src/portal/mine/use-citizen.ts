/**
 * The citizen signed in by SMS code, as the server says (GET /api/v1/public/citizen/session: the cookie is
 * httpOnly, so the page never holds the token itself): his session, or null when not signed in.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CitizenSessionView } from '@liandong/contracts';
import { ApiFailure, call } from '../../shared/api.ts';

export const CITIZEN_KEY = ['portal', 'citizen'] as const;

async function currentCitizen(): Promise<CitizenSessionView | null> {
  try {
    return await call('portal.session');
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) return null;
    throw e;
  }
}

export function useCitizen() {
  return useQuery({ queryKey: CITIZEN_KEY, queryFn: currentCitizen, staleTime: 60_000 });
}

/** After signing in or out: the session as now known, and the lists that depend on it read again. */
export function useCitizenChanged() {
  const queries = useQueryClient();
  return (session: CitizenSessionView | null) => {
    queries.setQueryData(CITIZEN_KEY, session);
    void queries.invalidateQueries({ queryKey: ['portal', 'mine'] });
  };
}
