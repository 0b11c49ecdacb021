/**
 * Draining the outbox, driven by the page (not by Background Sync, which most phones' browsers run only when the
 * service worker happens to start, and Safari never): on app start, when the network comes back, every half
 * minute and on "立即同步". One drain at a time; items go in the order they were made, each exactly once (the
 * server's idempotency keys make a resend harmless). A refusal with the server's reason ends that item (it is
 * shown, never sent again by itself); no network, a busy server or an expired sign-in stop the drain, and the
 * item waits for the next.
 */
import { ApiFailure } from '../../shared/api.ts';
import { fieldDb } from './outbox.db.ts';
import { sendItem } from './send-item.ts';

/**
 * Answers worth trying again later: no network, timeouts, throttling, an expired sign-in, the server's own trouble.
 * Anything else the phone cannot mend by waiting (a refusal, a photo lost from the store) ends the item.
 */
function isTransient(err: unknown): boolean {
  if (!(err instanceof ApiFailure)) return false;
  return err.status === 0 || err.status === 401 || err.status === 408 || err.status === 425 || err.status === 429 || err.status >= 500;
}

export interface DrainResult {
  sent: number;
  refused: number;
  /** Why the drain stopped with items left (no network, sign-in expired…), if it did. */
  stoppedBy?: string;
  signInNeeded?: boolean;
}

let running: Promise<DrainResult> | null = null;

/** Sends the worker's waiting items; a call while a drain runs joins it. */
export function drainOutbox(userId: number): Promise<DrainResult> {
  running ??= drain(userId).finally(() => {
    running = null;
  });
  return running;
}

async function drain(userId: number): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, refused: 0 };
  const due = (await fieldDb.outbox.where('userId').equals(userId).sortBy('id')).filter((i) => i.state === 'waiting' || i.state === 'sending');
  for (const item of due) {
    await fieldDb.outbox.update(item.id!, { state: 'sending', attempts: item.attempts + 1 });
    try {
      await sendItem(item);
      await fieldDb.outbox.update(item.id!, { state: 'sent', result: item.result, sentAt: new Date().toISOString(), lastError: undefined });
      result.sent++;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (isTransient(err)) {
        await fieldDb.outbox.update(item.id!, { state: 'waiting', lastError: message, photos: item.photos, result: item.result });
        result.stoppedBy = message;
        result.signInNeeded = err instanceof ApiFailure && err.status === 401;
        return result;
      }
      await fieldDb.outbox.update(item.id!, { state: 'refused', refusal: message, photos: item.photos, result: item.result });
      result.refused++;
    }
  }
  return result;
}

