/**
 * The screen's key and its calls: the token from the screen's address (`/screen?token=ldw_…`, or `#token=` to keep
 * it out of the page request), sent in the query string of each screen route — the EventSource of the stream
 * cannot send a header, so the snapshot and the map go the same way.
 */
import { ApiClient, type ScreenMap, type ScreenSnapshot } from '@liandong/contracts';
import { screenLang } from './screen-i18n.ts';

export function screenToken(): string {
  const fromQuery = new URLSearchParams(location.search).get('token');
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  return fromQuery ?? fromHash ?? '';
}

/** A refusal from the server (its code and message), or the network away (status 0). */
export class ScreenFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const client = () => new ApiClient({ base: '', lang: screenLang() });
const token = () => (screenToken() ? { token: screenToken() } : {});

async function unwrap<T>(p: Promise<{ ok: true; data: T } | { ok: false; status: number; error?: { code: string; message: string } }>): Promise<T> {
  let r;
  try {
    r = await p;
  } catch {
    throw new ScreenFailure(0, 'network', 'network');
  }
  if (r.ok) return r.data;
  throw new ScreenFailure(r.status, r.error?.code ?? 'unknown', r.error?.message ?? String(r.status));
}

export const fetchSnapshot = () => unwrap<ScreenSnapshot>(client().call('screen.snapshot', { query: token() }) as never);
export const fetchScreenMap = () => unwrap<ScreenMap>(client().call('screen.map', { query: token() }) as never);
export const streamUrl = () => `/api/v1/screen/live?token=${encodeURIComponent(screenToken())}`;

/** A refusal no retry will mend: the token is missing, wrong or revoked. */
export const isRefusal = (e: unknown): e is ScreenFailure => e instanceof ScreenFailure && (e.status === 401 || e.status === 403);
