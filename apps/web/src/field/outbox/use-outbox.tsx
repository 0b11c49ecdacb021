/**
 * The outbox as the pages see it: the worker's items live from the phone's store, how many wait, and the drain
 * run on app start, when the network comes back, every half minute and on "立即同步".
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useQueryClient } from '@tanstack/react-query';
import { fieldDb, type OutboxItem } from './outbox.db.ts';
import { clearOldSent } from './outbox.ts';
import { drainOutbox, type DrainResult } from './sync.ts';

const EVERY_MS = 30_000;

interface OutboxState {
  items: OutboxItem[];
  /** Items the server has not yet confirmed (waiting or sending). */
  pending: number;
  syncing: boolean;
  last: DrainResult | null;
  syncNow(): Promise<void>;
}

const OutboxContext = createContext<OutboxState | null>(null);

export function OutboxProvider({ userId, children }: { userId: number; children: ReactNode }) {
  const items = useLiveQuery(() => fieldDb.outbox.where('userId').equals(userId).reverse().sortBy('id'), [userId]) ?? [];
  const [syncing, setSyncing] = useState(false);
  const [last, setLast] = useState<DrainResult | null>(null);
  const qc = useQueryClient();
  const syncNow = useCallback(async () => {
    setSyncing(true);
    try {
      const r = await drainOutbox(userId);
      setLast(r);
      // What arrived changes the worker's tasks and reports: read them again.
      if (r.sent) await qc.invalidateQueries();
    } finally {
      setSyncing(false);
    }
  }, [userId, qc]);

  useEffect(() => {
    void clearOldSent().then(syncNow);
    const online = () => void syncNow();
    window.addEventListener('online', online);
    const timer = window.setInterval(() => {
      if (navigator.onLine) void syncNow();
    }, EVERY_MS);
    return () => {
      window.removeEventListener('online', online);
      window.clearInterval(timer);
    };
  }, [syncNow]);

  const value = useMemo(
    () => ({ items, pending: items.filter((i) => i.state === 'waiting' || i.state === 'sending').length, syncing, last, syncNow }),
    [items, syncing, last, syncNow],
  );
  return <OutboxContext.Provider value={value}>{children}</OutboxContext.Provider>;
}

export function useOutbox(): OutboxState {
  const v = useContext(OutboxContext);
  if (!v) throw new Error('useOutbox outside OutboxProvider');
  return v;
}
