/**
 * Where the phone is: the browser's position (WGS-84, as the Geolocation API gives it; a native map SDK's GCJ-02
 * would be sent as gcj02 and converted by the server). Asked once on opening a form and again on request.
 */
import { useCallback, useEffect, useState } from 'react';

export interface Fix {
  lng: number;
  lat: number;
  accuracy: number;
}
export type PositionState = { status: 'locating' } | { status: 'ok'; fix: Fix } | { status: 'failed'; reason: string };

export function currentFix(timeoutMs = 15_000): Promise<Fix> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) return reject(new Error('no geolocation'));
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lng: p.coords.longitude, lat: p.coords.latitude, accuracy: Math.round(p.coords.accuracy) }),
      (e) => reject(new Error(e.message || 'no position')),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 30_000 },
    );
  });
}

export function usePosition(initial?: Fix): PositionState & { locate(): void } {
  const [state, setState] = useState<PositionState>(initial ? { status: 'ok', fix: initial } : { status: 'locating' });
  const locate = useCallback(() => {
    setState({ status: 'locating' });
    currentFix().then(
      (fix) => setState({ status: 'ok', fix }),
      (e: Error) => setState({ status: 'failed', reason: e.message }),
    );
  }, []);
  useEffect(() => {
    if (!initial) locate();
  }, [locate, initial]);
  return { ...state, locate };
}
