/** The caches the field app's service worker keeps besides its shell; emptied when the worker signs out. */
export const FIELD_CACHES = { data: 'liandong-field-data', photos: 'liandong-field-photos' } as const;

/** Forgets the signed-in worker's cached data (sign-out, another worker on the same phone). */
export async function clearFieldCaches(): Promise<void> {
  if (!('caches' in globalThis)) return;
  await Promise.all(Object.values(FIELD_CACHES).map((name) => caches.delete(name)));
}
