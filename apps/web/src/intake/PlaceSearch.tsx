/**
 * 按网格定位: the place found by typing a grid's, village's or town's name instead of clicking the map, so the
 * whole intake can be done from the keyboard; the report goes to a point inside the chosen grid.
 */
import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../shared/api.ts';
import { useDebounced } from '../shared/use-debounced.ts';
import type { LngLat } from '../map/crs.ts';

export function PlaceSearch({ onPick }: { onPick: (p: LngLat) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const text = useDebounced(search.trim(), 250);
  const grids = useQuery({
    queryKey: ['grids', 'search', text],
    queryFn: () => call('territory.listGrids', { query: { search: text, kind: 'basic', level: 4, limit: 20 } }),
    enabled: text.length > 0,
    staleTime: 300_000,
  });
  return (
    <Select
      aria-label={t('intake.placeSearch')}
      placeholder={t('intake.placeSearchPlaceholder')}
      value={null}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={grids.isFetching}
      notFoundContent={text ? t('intake.noPlace') : null}
      options={(grids.data ?? []).map((g) => ({ value: g.code, label: [g.town?.name, g.village?.name, g.name].filter(Boolean).join(' › ') }))}
      onChange={(code: string) => {
        const g = grids.data?.find((x) => x.code === code);
        if (g) onPick(g.point);
      }}
      style={{ width: '100%', marginBottom: 8 }}
    />
  );
}
