/**
 * The running platform's parts, built once and passed to routes, jobs and commands: the database and
 * the in-memory services the use cases need (territory index, working calendar, clock).
 */
import { openDatabase, type Db } from '@liandong/db';
import { ComponentService, MapLayers, TerritoryService } from '@liandong/core/territory/index.ts';
import type { Basemap } from './config.ts';
import { CalendarProvider, type WorkingCalendar } from '@liandong/core/calendar/index.ts';
import { IntakeQueue, ReferenceCache, type OrderServices } from '@liandong/core/orders/index.ts';
import { systemClock, type Clock } from '@liandong/core/shared/clock.ts';
import { SessionCache } from '@liandong/core/auth/session-cache.ts';
import { databaseStore, type FileStore } from '@liandong/core/files/file-store.ts';
import { partialUploads, type PartialUploads } from '@liandong/core/files/partial-uploads.ts';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Platform {
  db: Db;
  sessions: SessionCache;
  services: OrderServices;
  territory: TerritoryService;
  components: ComponentService;
  calendar: CalendarProvider;
  clock: Clock;
  /** Where uploaded bytes live (database by default; LIANDONG_FILE_STORE). */
  files: FileStore;
  /** The partial bytes of resumable uploads (the data folder's `uploads/`; a fresh temporary folder by default). */
  partialUploads: PartialUploads;
  /** The maps: the territory's layers, and the deployment's base map if it set one. */
  map: { layers: MapLayers; basemap: Basemap | null };
}

export function platformOn(
  db: Db,
  clock: Clock = systemClock,
  publicUrl?: string,
  files: FileStore = databaseStore,
  uploadsDir: string = join(tmpdir(), `liandong-uploads-${randomUUID()}`),
): Platform {
  const territory = new TerritoryService(db);
  const calendar = new CalendarProvider();
  return {
    db,
    sessions: new SessionCache(),
    territory,
    components: new ComponentService(db),
    calendar,
    clock,
    files,
    partialUploads: partialUploads(uploadsDir),
    map: { layers: new MapLayers(), basemap: null },
    services: {
      clock,
      territory,
      calendar: (q) => calendar.get(q),
      reference: new ReferenceCache(),
      publicUrl,
      intake: new IntakeQueue(db),
    },
  };
}

export async function openPlatform(config: { databaseUrl?: string; dataDir: string; publicUrl?: string; fileStore?: FileStore; basemap?: Basemap | null }): Promise<Platform> {
  const p = platformOn(await openDatabase(config), systemClock, config.publicUrl, config.fileStore, join(config.dataDir, 'uploads'));
  p.map.basemap = config.basemap ?? null;
  return p;
}

/** Now, and the calendar to read clocks with: what views of deadlines need. */
export async function readClock(p: Platform): Promise<{ now: Date; calendar: WorkingCalendar }> {
  return { now: p.clock(), calendar: await p.calendar.get(p.db) };
}
