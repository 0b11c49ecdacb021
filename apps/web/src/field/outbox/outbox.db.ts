/**
 * The phone's own store (IndexedDB, dexie): the outbox of what the worker made and the server has not yet
 * confirmed, the photos those items carry, his drafts, and the patrol positions not yet put in a batch. Nothing
 * here is deleted before the server has answered it; a sent item is kept a while so the worker sees it arrived.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { ActionBody, CreateOrderInput, TrackBatch } from '@liandong/contracts';

/** waiting: not yet sent (or sending broke off); sending: on its way; sent: the server has it; refused: the server said no, with why. */
export type OutboxState = 'waiting' | 'sending' | 'sent' | 'refused';
export type FieldAction = 'verify' | 'check' | 'escalate';

/** A report (巡查上报), optionally solved on the spot (自行处置): one new order, then its self-handle action. */
export interface ReportRequest {
  kind: 'report';
  body: Omit<CreateOrderInput, 'attachments'>;
  selfHandle?: { result: string };
}
/** 核实 or 核查 of an order on site, or 上推 of one the grid cannot solve. */
export interface ActionRequest {
  kind: FieldAction;
  orderId: number;
  orderCode: string;
  body: Omit<ActionBody<'verify'>, 'attachments'> | Omit<ActionBody<'check'>, 'attachments'> | ActionBody<'escalate'>;
}
/** A batch of patrol positions. */
export interface TrackRequest {
  kind: 'track';
  body: TrackBatch;
}
export type OutboxRequest = ReportRequest | ActionRequest | TrackRequest;

/** A photo an item carries: the bytes in `photos`, then the server's file id once uploaded (never uploaded twice). */
export interface PhotoRef {
  photoId: number;
  /** report: the report's or the action's photos; after: 自行处置's photos after handling. */
  role: 'report' | 'after';
  fileId?: string;
  /** The resumable upload under way (tus), to resume after a broken connection. */
  uploadUrl?: string;
}

export interface OutboxItem {
  id?: number;
  /** Whose it is: another worker signing in on the same phone neither sees nor sends it. */
  userId: number;
  /** The Idempotency-Key of its request(s): a resend after a lost answer changes nothing twice. */
  key: string;
  /** When the worker made it (Made-At). */
  madeAt: string;
  state: OutboxState;
  /** What the worker sees in the queue, in his language when he made it. */
  title: string;
  request: OutboxRequest;
  photos: PhotoRef[];
  attempts: number;
  /** The last reason it could not be sent yet (no network, server busy): shown, then tried again. */
  lastError?: string;
  /** The server's reason for refusing it: it will not be sent again. */
  refusal?: string;
  /** The order it made or acted on, once the server answered. */
  result?: { orderId: number; orderCode: string; selfHandled?: boolean };
  sentAt?: string;
}

export interface StoredPhoto {
  id?: number;
  blob: Blob;
  name: string;
  /** When it was taken (the file's time on the phone). */
  takenAt: string;
}

/** A report kept to finish later, also without a GPS fix. */
export interface Draft {
  id?: number;
  userId: number;
  updatedAt: string;
  values: {
    description?: string;
    categoryCode?: string;
    address?: string;
    location?: { lng: number; lat: number; accuracy?: number };
    selfHandle?: boolean;
    result?: string;
  };
  photoIds: number[];
  afterPhotoIds: number[];
}

/** A patrol position recorded and not yet put in a batch. */
export interface TrackPoint {
  id?: number;
  userId: number;
  lng: number;
  lat: number;
  accuracy: number;
  at: string;
}

export class FieldDb extends Dexie {
  outbox!: EntityTable<OutboxItem, 'id'>;
  photos!: EntityTable<StoredPhoto, 'id'>;
  drafts!: EntityTable<Draft, 'id'>;
  track!: EntityTable<TrackPoint, 'id'>;

  constructor(name = 'liandong-field') {
    super(name);
    this.version(1).stores({
      outbox: '++id, userId, state, [userId+state]',
      photos: '++id',
      drafts: '++id, userId, updatedAt',
      track: '++id, userId, at',
    });
  }
}

export const fieldDb = new FieldDb();
