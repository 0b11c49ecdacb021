/**
 * Intersection of a simple polygon without holes (the district outline) with a convex polygon (a Voronoi
 * cell), by walking the two boundaries (Weiler–Atherton). About a hundred times faster than a general
 * clipper, which matters at first start. Crossing points are computed from the segment endpoints in a
 * canonical order, so two neighbouring cells get bit-identical vertices where their shared edge meets
 * the outline. Degenerate input (a vertex exactly on the other boundary) throws DegenerateClip: the caller
 * then uses the general clipper.
 */
import type { Position, Ring } from '../../territory/geometry.ts';

export class DegenerateClip extends Error {}

/** Twice the signed area (positive: counter-clockwise). */
export function signedArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return s;
}

/** Open (no closing duplicate) and counter-clockwise. */
export function openCcw(ring: readonly Position[]): Position[] {
  const r = ring.slice();
  const [f, l] = [r[0], r[r.length - 1]];
  if (r.length > 1 && f[0] === l[0] && f[1] === l[1]) r.pop();
  return signedArea2(r) < 0 ? r.reverse() : r;
}

interface Crossing {
  p: Position;
  s: number; // subject edge index
  t: number; // position along it
  c: number; // clip edge index
  u: number; // position along it
  entering: boolean;
  next?: number; // index of the next crossing along the subject
  nextOnClip?: number; // index of the next crossing along the clip
}

const cross = (ax: number, ay: number, bx: number, by: number) => ax * by - ay * bx;
const before = (a: Position, b: Position) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

function inside(ring: readonly Position[], x: number, y: number): boolean {
  let ins = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) ins = !ins;
  }
  return ins;
}

/** Pushes the vertices met going forward from a point on edge `from` to a point on edge `to`. */
function walk(ring: readonly Position[], from: number, fromT: number, to: number, toT: number, out: Position[]): void {
  if (from === to && toT > fromT) return;
  let v = from;
  do {
    v = (v + 1) % ring.length;
    out.push(ring[v]);
  } while (v !== to);
}

/**
 * subject: open CCW ring; clip: open CCW convex ring; subjectBoxes: optional filter telling which subject
 * edges may meet the clip (from a spatial index). Returns open CCW rings (the pieces of the intersection).
 */
export function clipByConvex(subject: readonly Position[], clip: readonly Position[], subjectEdges?: readonly number[]): Ring[] {
  const ns = subject.length;
  const nc = clip.length;
  const xs: Crossing[] = [];
  const edges = subjectEdges ?? subject.map((_, i) => i);
  for (const s of edges) {
    const a = subject[s];
    const b = subject[(s + 1) % ns];
    for (let c = 0; c < nc; c++) {
      const p = clip[c];
      const q = clip[(c + 1) % nc];
      // Canonical order of both segments: the same pair gives the same point whichever cell asks.
      const [a0, a1] = before(a, b) ? [a, b] : [b, a];
      const [c0, c1] = before(p, q) ? [p, q] : [q, p];
      const rx = a1[0] - a0[0];
      const ry = a1[1] - a0[1];
      const sx = c1[0] - c0[0];
      const sy = c1[1] - c0[1];
      const den = cross(rx, ry, sx, sy);
      const wx = c0[0] - a0[0];
      const wy = c0[1] - a0[1];
      if (den === 0) {
        if (cross(wx, wy, rx, ry) === 0) throw new DegenerateClip('collinear edges');
        continue;
      }
      const t0 = cross(wx, wy, sx, sy) / den;
      const u0 = cross(wx, wy, rx, ry) / den;
      if (t0 < 0 || t0 > 1 || u0 < 0 || u0 > 1) continue;
      if (t0 === 0 || t0 === 1 || u0 === 0 || u0 === 1) throw new DegenerateClip('vertex on edge');
      const pt: Position = [a0[0] + t0 * rx, a0[1] + t0 * ry];
      xs.push({
        p: pt,
        s,
        t: a0 === a ? t0 : 1 - t0,
        c,
        u: c0 === p ? u0 : 1 - u0,
        // The subject enters the convex clip where it heads to the left of the clip edge.
        entering: cross(q[0] - p[0], q[1] - p[1], b[0] - a[0], b[1] - a[1]) > 0,
      });
    }
  }
  if (xs.length === 0) {
    if (inside(subject, clip[0][0], clip[0][1])) return [clip.slice()];
    if (inside(clip, subject[0][0], subject[0][1])) return [subject.slice()];
    return [];
  }
  if (xs.length % 2 !== 0) throw new DegenerateClip('odd number of crossings');
  const bySubject = xs.map((_, i) => i).sort((i, j) => xs[i].s - xs[j].s || xs[i].t - xs[j].t);
  const byClip = xs.map((_, i) => i).sort((i, j) => xs[i].c - xs[j].c || xs[i].u - xs[j].u);
  bySubject.forEach((x, k) => (xs[x].next = bySubject[(k + 1) % xs.length]));
  byClip.forEach((x, k) => (xs[x].nextOnClip = byClip[(k + 1) % xs.length]));

  const rings: Ring[] = [];
  const done = new Set<number>();
  for (let start = 0; start < xs.length; start++) {
    if (!xs[start].entering || done.has(start)) continue;
    const ring: Position[] = [];
    let cur = start;
    for (let guard = 0; ; guard++) {
      if (guard > xs.length) throw new DegenerateClip('walk did not close');
      done.add(cur);
      // Along the subject, inside the clip, to the exit.
      const ent = xs[cur];
      const exit = xs[ent.next!];
      if (exit.entering) throw new DegenerateClip('two entries in a row');
      ring.push(ent.p);
      walk(subject, ent.s, ent.t, exit.s, exit.t, ring);
      ring.push(exit.p);
      // Along the clip, inside the subject, to the next entry.
      const nextEntry = exit.nextOnClip!;
      const ne = xs[nextEntry];
      if (!ne.entering) throw new DegenerateClip('two exits in a row');
      walk(clip, exit.c, exit.u, ne.c, ne.u, ring);
      if (nextEntry === start) break;
      cur = nextEntry;
    }
    rings.push(ring);
  }
  return rings;
}
