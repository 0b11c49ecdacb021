/** The console's map, loaded only when a page shows one: maplibre-gl stays out of the console's first load. */
import { lazy, Suspense, useState } from 'react';
import { Spin, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TerritoryMapProps } from './TerritoryMap.tsx';

const TerritoryMap = lazy(() => import('./TerritoryMap.tsx'));

export function LazyMap(props: Omit<TerritoryMapProps, 'source' | 'professional' | 'children'>) {
  const { t } = useTranslation();
  const [professional, setProfessional] = useState(false);
  return (
    <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>
      <TerritoryMap {...props} professional={professional}>
        <label className="territory-map-overlay">
          <Switch size="small" checked={professional} onChange={setProfessional} aria-label={t('map.professional')} />
          <span>{t('map.professional')}</span>
        </label>
      </TerritoryMap>
    </Suspense>
  );
}
