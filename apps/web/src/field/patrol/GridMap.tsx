/**
 * 网格地图 on the phone, drawn by itself (no base map tiles reach the internet): the grid's outline, the cells walked
 * today (as the server counts them), the worker's own positions recorded today — also those still in the outbox —
 * and where he stands now.
 */
import { useMemo } from 'react';

type Point = [number, number];

export interface GridMapProps {
  outline: number[][][];
  visitedCells: number[][][];
  track: Point[];
  here: Point | null;
  label: string;
}

const SIZE = 320;
const PAD = 12;

export function GridMap({ outline, visitedCells, track, here, label }: GridMapProps) {
  const project = useMemo(() => {
    const all = outline.flat();
    const lngs = all.map((p) => p[0]!);
    const lats = all.map((p) => p[1]!);
    const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
    const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    const w = (maxLng - minLng) * kx || 1e-6;
    const h = maxLat - minLat || 1e-6;
    const scale = (SIZE - 2 * PAD) / Math.max(w, h);
    return ([lng, lat]: number[]): Point => [PAD + (lng! - minLng) * kx * scale + ((SIZE - 2 * PAD) - w * scale) / 2, PAD + (maxLat - lat!) * scale + ((SIZE - 2 * PAD) - h * scale) / 2];
  }, [outline]);
  const path = (ring: number[][]) => ring.map((p, i) => `${i ? 'L' : 'M'}${project(p).map((v) => v.toFixed(1)).join(',')}`).join('') + 'Z';
  const walked = track.map((p) => project(p).map((v) => v.toFixed(1)).join(',')).join(' ');
  const me = here ? project(here) : null;
  return (
    <svg viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label={label} className="field-grid-map">
      {outline.map((ring, i) => (
        <path key={`o${i}`} d={path(ring)} fill="#e8f0fb" stroke="#1d5fb8" strokeWidth={2} />
      ))}
      {visitedCells.map((ring, i) => (
        <path key={`c${i}`} d={path(ring)} fill="#2e9d4a" fillOpacity={0.45} stroke="#1a7f37" strokeWidth={0.5} />
      ))}
      {track.length > 1 && <polyline points={walked} fill="none" stroke="#c05600" strokeWidth={2} strokeLinejoin="round" />}
      {me && <circle cx={me[0]} cy={me[1]} r={7} fill="#d32f2f" stroke="#fff" strokeWidth={2} />}
    </svg>
  );
}
