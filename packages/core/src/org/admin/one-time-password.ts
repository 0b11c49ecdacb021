/**
 * A one-time password (初始密码) for a new account or a reset: 14 characters from an alphabet without look-alikes
 * (no 0/O, 1/l/I), to be read out or handed over; the holder must choose his own at first sign-in.
 */
import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

export function oneTimePassword(length = 14): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}
