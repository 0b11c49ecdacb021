/**
 * Keeps the territory index in memory. Several server processes may share one database: each checks
 * 'territory.version' at most every recheckMs and rebuilds when it moved, so an import made through
 * one process reaches the others within that delay without any messaging between them.
 */
import type { Queryable } from '@liandong/db';
import { TerritoryIndex } from './territory-index.ts';
import { loadGridShapes, territoryVersion } from './territory.repository.ts';
import type { TerritoryMatch } from './types.ts';

export interface TerritoryServiceOptions {
  /** How often (ms) lookups check the stored version; default 2000. */
  recheckMs?: number;
  /** Monotonic milliseconds; tests pass a fake one. */
  now?: () => number;
}

export class TerritoryService {
  private index: TerritoryIndex | null = null;
  private loadedVersion = -1;
  private checkedAt = -Infinity;
  private stale = false;
  private pending: Promise<TerritoryIndex> | null = null;
  private readonly recheckMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Queryable,
    opts: TerritoryServiceOptions = {},
  ) {
    this.recheckMs = opts.recheckMs ?? 2000;
    this.now = opts.now ?? (() => performance.now());
  }

  /** The point (WGS-84) → grids, village, town, district. Convert GCJ-02 input with toWgs84 first. */
  async lookup(lng: number, lat: number): Promise<TerritoryMatch> {
    return (await this.current()).lookup(lng, lat);
  }

  /** The current index, rebuilt first if the stored version moved. */
  async current(): Promise<TerritoryIndex> {
    if (this.index && !this.stale && this.now() - this.checkedAt < this.recheckMs) return this.index;
    // One check or rebuild at a time: concurrent lookups wait for the same one.
    this.pending ??= this.check().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Reloads the grids now, whatever the version says. */
  async refresh(): Promise<void> {
    this.stale = true;
    await this.current();
  }

  /** Drops the cached index: the next lookup reloads it (call after writing grids in this process). */
  invalidate(): void {
    this.stale = true;
  }

  /** The territory version the index was built from (-1 before the first load). */
  get version(): number {
    return this.loadedVersion;
  }

  private async check(): Promise<TerritoryIndex> {
    // Read the version before the shapes: if a write lands in between, the shapes are newer than the
    // version we record, and the next check simply loads again. The reverse order could miss a write.
    const version = await territoryVersion(this.db);
    if (this.index && !this.stale && version === this.loadedVersion) {
      this.checkedAt = this.now();
      return this.index;
    }
    // Cleared before loading so that an invalidate() arriving meanwhile forces another load.
    this.stale = false;
    let shapes;
    try {
      shapes = await loadGridShapes(this.db);
    } catch (err) {
      this.stale = true;
      throw err;
    }
    this.index = TerritoryIndex.build(shapes);
    this.loadedVersion = version;
    this.checkedAt = this.now();
    return this.index;
  }
}
