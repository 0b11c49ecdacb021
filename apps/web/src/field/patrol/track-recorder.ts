/**
 * 巡查 mode: the phone's positions while the worker walks (watchPosition), kept in the phone's store at once and put
 * into the outbox in batches (every 20 positions or every minute), so a track made without signal is sent through
 * the same outbox as everything else. The server filters vague fixes and jumps (track-filter.rules.ts).
 */
import { fieldDb } from '../outbox/outbox.db.ts';
import { enqueue } from '../outbox/outbox.ts';

const BATCH_POINTS = 20;
const BATCH_MS = 60_000;

export class TrackRecorder {
  private watch: number | null = null;
  private timer: number | null = null;

  constructor(
    private readonly userId: number,
    private readonly title: string,
    private readonly onPoint: (n: number) => void,
    private readonly onError: (message: string) => void,
  ) {}

  get recording(): boolean {
    return this.watch !== null;
  }

  start(): void {
    if (this.watch !== null || !navigator.geolocation) return;
    let n = 0;
    this.watch = navigator.geolocation.watchPosition(
      (p) => {
        void fieldDb.track
          .add({ userId: this.userId, lng: p.coords.longitude, lat: p.coords.latitude, accuracy: Math.round(p.coords.accuracy), at: new Date(p.timestamp || Date.now()).toISOString() })
          .then(async () => {
            this.onPoint(++n);
            if ((await fieldDb.track.where('userId').equals(this.userId).count()) >= BATCH_POINTS) await this.flush();
          });
      },
      (e) => this.onError(e.message),
      { enableHighAccuracy: true, maximumAge: 5_000 },
    );
    this.timer = window.setInterval(() => void this.flush(), BATCH_MS);
  }

  async stop(): Promise<void> {
    if (this.watch !== null) navigator.geolocation.clearWatch(this.watch);
    if (this.timer !== null) window.clearInterval(this.timer);
    this.watch = this.timer = null;
    await this.flush();
  }

  /** The recorded positions become one outbox item, in one transaction: none lost, none sent twice. */
  async flush(): Promise<void> {
    await fieldDb.transaction('rw', fieldDb.track, fieldDb.outbox, fieldDb.photos, async () => {
      const points = await fieldDb.track.where('userId').equals(this.userId).sortBy('at');
      if (!points.length) return;
      await enqueue(this.userId, this.title, { kind: 'track', body: { crs: 'wgs84', points: points.map(({ lng, lat, accuracy, at }) => ({ lng, lat, accuracy, at })) } });
      await fieldDb.track.bulkDelete(points.map((p) => p.id!));
    });
  }
}
