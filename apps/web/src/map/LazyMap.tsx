/** The map, loaded only when a page shows one: maplibre-gl stays out of the console's first load. */
import { lazy, Suspense } from 'react';
import { Spin } from 'antd';
import type { TerritoryMapProps } from './TerritoryMap.tsx';

const TerritoryMap = lazy(() => import('./TerritoryMap.tsx'));

export function LazyMap(props: TerritoryMapProps) {
  return (
    <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>
      <TerritoryMap {...props} />
    </Suspense>
  );
}
