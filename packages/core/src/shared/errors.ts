/**
 * Errors a use case raises on purpose. Each carries an HTTP status, a stable code, a message in
 * Chinese and English, and the field at fault when there is one. Anything else reaching the HTTP
 * layer is a bug.
 */
import type { ErrorCode } from '@liandong/contracts';

export type { ErrorCode };

export interface Messages {
  zh: string;
  en: string;
}

/** One bad row of an imported file: its row number as a spreadsheet shows it (the header is row 1), the column. */
export interface RowProblem extends Messages {
  row: number;
  field: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 414 | 422 | 429 | 503,
    readonly code: ErrorCode,
    readonly messages: Messages,
    readonly field?: string,
    /** An import refused: every bad row and column, not only the first. */
    readonly problems?: readonly RowProblem[],
  ) {
    super(messages.en);
    this.name = 'DomainError';
  }
}

/** Too many requests: the client may try again after `retryAfterSeconds` (sent as Retry-After). */
export class TooManyRequests extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    code: ErrorCode,
    messages: Messages,
  ) {
    super(429, code, messages);
  }
}

/** Malformed input: a field is missing, of the wrong type or out of range. */
export const invalidField = (field: string, zh: string, en: string) =>
  new DomainError(400, 'invalid_field', { zh: `字段 ${field}：${zh}`, en: `Field ${field}: ${en}` }, field);

/** Well-formed input that the rules cannot accept (unknown category, point outside the district...). */
export const unprocessable = (field: string | undefined, zh: string, en: string) =>
  new DomainError(422, 'unprocessable', { zh, en }, field);

export const unauthenticated = () =>
  new DomainError(401, 'unauthenticated', { zh: '请先登录', en: 'Please sign in first' });

export const forbidden = (zh: string, en: string) => new DomainError(403, 'forbidden', { zh, en });

export const notFound = (what: Messages) =>
  new DomainError(404, 'not_found', { zh: `${what.zh}不存在或无权查看`, en: `${what.en} not found or not visible to you` });

export const wrongState = (zh: string, en: string) => new DomainError(409, 'wrong_state', { zh, en });

export const conflict = (code: ErrorCode, zh: string, en: string, field?: string) =>
  new DomainError(409, code, { zh, en }, field);
