/** The key of bytes kept outside the database (folder or object store): `ab/<uuid>`, two characters of fan-out. */
import { randomUUID } from 'node:crypto';

const STORE_KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

export function newStoreKey(): string {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id}`;
}

/** The key itself, refused unless it has the shape newStoreKey gives (no path tricks reach a store). */
export function checkedStoreKey(key: string): string {
  if (!STORE_KEY.test(key)) throw new Error(`not a file store key: ${key}`);
  return key;
}
