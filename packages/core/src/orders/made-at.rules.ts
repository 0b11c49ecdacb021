/**
 * 现场时间: when a user made a request on his device, as its `Made-At` header says. A grid worker without signal
 * makes a report or a verification on site; the phone's outbox sends it later. The timeline shows both moments;
 * the clocks run on the moment it arrived (a phone's clock is not evidence enough to stop one).
 */
import { invalidField } from '../shared/errors.ts';

/** A phone's clock a little ahead of the server's is accepted, not more. */
export const MADE_AT_FUTURE_SLACK_MS = 5 * 60_000;
/** What an outbox may still deliver: older than this, the request is refused rather than back-dated. */
export const MADE_AT_MAX_AGE_MS = 30 * 24 * 3_600_000;
/** Below this, the made-at moment is the arrival (network latency, not an offline wait): nothing to show. */
const SAME_MOMENT_MS = 60_000;

/** The moment a request was made, or null when it carries none or was made when it arrived. */
export function madeAtOf(header: string | undefined, now: Date): Date | null {
  if (header === undefined || header === '') return null;
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(header) ? new Date(header) : null;
  if (!at || Number.isNaN(at.getTime())) {
    throw invalidField('Made-At', '须为带时区的时间（RFC 3339，如 2026-12-06T09:30:00+08:00）', 'must be a time with its offset (RFC 3339, e.g. 2026-12-06T09:30:00+08:00)');
  }
  if (at.getTime() > now.getTime() + MADE_AT_FUTURE_SLACK_MS) throw invalidField('Made-At', '晚于当前时间，请校准手机时间', 'is later than now: check the phone’s clock');
  if (at.getTime() < now.getTime() - MADE_AT_MAX_AGE_MS) throw invalidField('Made-At', '早于 30 天前，不再受理', 'is more than 30 days ago');
  return now.getTime() - at.getTime() < SAME_MOMENT_MS ? null : at;
}
