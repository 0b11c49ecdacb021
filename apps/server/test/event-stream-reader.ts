/** A test's reader of a server-sent events stream (the console's live changes, a wall screen's): collects its events. */
import { expect } from 'vitest';

export interface HeardStream<D> {
  events: { event: string; data: D }[];
  close(): void;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Resolves with the first event that satisfies `match`, or rejects after `ms`. */
  waitFor(match: (e: HeardStream<D>['events'][number]) => boolean, ms?: number): Promise<HeardStream<D>['events'][number]>;
}

/** Opens the stream at `url` and returns once its `ready` event is heard. */
export async function listenTo<D>(url: string, headers: Record<string, string> = {}): Promise<HeardStream<D>> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: HeardStream<D>['events'] = [];
  const waiters: (() => void)[] = [];
  const ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
          waiters.splice(0).forEach((w) => w());
        }
      }
    } catch {
      /* closed */
    }
  })();
  const heard: HeardStream<D> = {
    events,
    ended,
    close: () => abort.abort(),
    waitFor: (match, ms = 1000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not heard within ${ms} ms; heard ${JSON.stringify(events)}`)), ms);
        const check = () => {
          const e = events.find(match);
          if (e) {
            clearTimeout(timer);
            resolve(e);
          } else waiters.push(check);
        };
        check();
      }),
  };
  await heard.waitFor((e) => e.event === 'ready');
  return heard;
}
