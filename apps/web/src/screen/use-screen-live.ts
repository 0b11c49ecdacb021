/**
 * The screen's data, live: the snapshot (react-query), and the stream's changes laid over it at once — a new order
 * goes to the top of the board and counts in 今日受理 and 在办 the moment it is heard — then the snapshot read
 * again (at most once a second, and every minute anyway: 超时 moves with the clock) to settle every figure as the
 * server counts it. A refused token ends the stream for good; the network away is retried.
 */
import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { SCREEN_EVENTS, type ScreenChange, type ScreenSnapshot } from '@liandong/contracts';
import { fetchSnapshot, isRefusal, streamUrl } from './screen-api.ts';
import { apply } from './screen-change.ts';

const REFETCH_AFTER_MS = 1000;

export type LinkState = 'connecting' | 'live';

export function useScreenLive() {
  const snapshot = useQuery({
    queryKey: ['screen-snapshot'],
    queryFn: fetchSnapshot,
    refetchInterval: (q) => (isRefusal(q.state.error) ? false : 60_000),
    retry: (n, e) => !isRefusal(e) && n < 1_000_000,
    retryDelay: 5000,
  });
  const [view, setView] = useState<ScreenSnapshot | null>(null);
  /** Codes that came by the stream since the snapshot (fresh rows on the board). */
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [link, setLink] = useState<LinkState>('connecting');
  const refetch = useRef(snapshot.refetch);
  refetch.current = snapshot.refetch;
  const refused = isRefusal(snapshot.error);

  useEffect(() => {
    if (snapshot.data) setView(snapshot.data);
  }, [snapshot.data]);

  useEffect(() => {
    if (refused) return;
    let es: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const settle = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void refetch.current();
      }, REFETCH_AFTER_MS);
    };
    const open = () => {
      es = new EventSource(streamUrl());
      es.addEventListener(SCREEN_EVENTS.ready, () => {
        setLink('live');
        // Whatever happened while the stream was away.
        void refetch.current();
      });
      es.addEventListener(SCREEN_EVENTS.reset, () => void refetch.current());
      es.addEventListener(SCREEN_EVENTS.order, (e) => {
        const change = JSON.parse((e as MessageEvent<string>).data) as ScreenChange;
        setView((v) => (v ? apply(v, change) : v));
        const order = change.order;
        if (change.action === 'create' && order) setFresh((f) => new Set(f).add(order.code));
        settle();
      });
      es.onerror = () => {
        setLink('connecting');
        if (es?.readyState === EventSource.CLOSED) {
          // Refused (the snapshot will say why) or the server away: ask again in a while.
          void refetch.current();
          retry = setTimeout(open, 5000);
        }
      };
    };
    open();
    return () => {
      es?.close();
      clearTimeout(timer);
      clearTimeout(retry);
    };
  }, [refused]);

  return { view, fresh, link, error: snapshot.error, refused, updatedAt: snapshot.dataUpdatedAt };
}
