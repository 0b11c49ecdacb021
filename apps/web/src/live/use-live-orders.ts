/**
 * Live updates in the console: the server's stream of changes to the orders this user may see (SSE). Each change
 * refreshes the queues, their counts and that order if it is open; a reset (or a reconnect, when changes may have
 * been missed) refreshes everything. The browser's EventSource reconnects by itself.
 */
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { apiRoutes, LIVE_EVENTS, type OrderChange } from '@liandong/contracts';

export type LiveStatus = 'connecting' | 'live' | 'offline';

/** Lists refresh at most this often, however fast changes come. */
const LIST_REFRESH_MS = 300;

export function useLiveOrders(): LiveStatus {
  const qc = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  useEffect(() => {
    const source = new EventSource(apiRoutes['live.orderChanges'].path);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let opened = false;
    const refreshLists = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void qc.invalidateQueries({ queryKey: ['orders'] });
        void qc.invalidateQueries({ queryKey: ['similar'] });
      }, LIST_REFRESH_MS);
    };
    const refreshAll = () => void qc.invalidateQueries();
    source.addEventListener(LIVE_EVENTS.ready, () => {
      setStatus('live');
      // After a reconnect, changes made meanwhile were not heard.
      if (opened) refreshAll();
      opened = true;
    });
    source.addEventListener(LIVE_EVENTS.order, (e) => {
      const change = JSON.parse((e as MessageEvent<string>).data) as OrderChange;
      void qc.invalidateQueries({ queryKey: ['order', String(change.orderId)] });
      void qc.invalidateQueries({ queryKey: ['order', change.code] });
      refreshLists();
    });
    source.addEventListener(LIVE_EVENTS.reset, refreshAll);
    source.onerror = () => setStatus('offline');
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [qc]);
  return status;
}
