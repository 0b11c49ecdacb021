import type { Queryable } from '@liandong/db';
import { ComponentIndex, type ComponentMatch, type NearestOptions } from './component-index.ts';
import { loadComponents } from './component.repository.ts';

/**
 * The components (部件) index in memory, reloaded at most every `ttlMs` (components change through imports,
 * rarely; a minute's delay before a new one is found nearest is acceptable).
 */
export class ComponentService {
  private index: ComponentIndex | null = null;
  private loadedAt = 0;
  private pending: Promise<ComponentIndex> | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly ttlMs = 60_000,
  ) {}

  async nearest(lng: number, lat: number, opts: NearestOptions): Promise<ComponentMatch[]> {
    return (await this.current()).nearest(lng, lat, opts);
  }

  private async current(): Promise<ComponentIndex> {
    if (this.index && performance.now() - this.loadedAt < this.ttlMs) return this.index;
    this.pending ??= loadComponents(this.db)
      .then((points) => {
        this.index = ComponentIndex.build(points);
        this.loadedAt = performance.now();
        return this.index;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  invalidate(): void {
    this.index = null;
  }
}
