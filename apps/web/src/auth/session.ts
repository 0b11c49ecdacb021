/** Who is signed in: `GET /api/v1/me` (the session cookie decides); null when nobody is. */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@liandong/contracts';
import { ApiFailure, call } from '../shared/api.ts';

export function useMe() {
  return useQuery<Me | null>({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await call('auth.me');
      } catch (e) {
        if (e instanceof ApiFailure && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return async () => {
    await call('auth.logout').catch(() => undefined);
    qc.clear();
    qc.setQueryData(['me'], null);
  };
}

/** Signing in (the console's and the field app's forms): the server's refusal in the user's language, or `failed`. */
export function useSignIn(failed: string) {
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await call('auth.login', { body: v });
      await qc.invalidateQueries({ queryKey: ['me'] });
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : failed);
    } finally {
      setBusy(false);
    }
  };
  return { submit, error, busy };
}
