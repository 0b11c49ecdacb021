/**
 * 位置: the phone's position by default; or a point the citizen picks on the map (a desk computer, no signal
 * indoors, or the problem is not where he stands). The map shows the district's outlines only (the public layers);
 * the picked point is checked against the territory before it is taken (its town and village by name).
 */
import { lazy, Suspense, useState } from 'react';
import { Button, Popup, SpinLoading } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../shared/api.ts';
import { PositionLine } from '../../shared/PositionLine.tsx';
import type { PositionState } from '../../shared/use-position.ts';
import type { LngLat } from '../../map/crs.ts';

const TerritoryMap = lazy(() => import('../../map/TerritoryMap.tsx'));

/** The town and village of a point, as the public place route names them. */
function usePlace(point: LngLat | null) {
  return useQuery({
    queryKey: ['portal', 'place', point?.lng, point?.lat],
    queryFn: () => call('public.place', { query: { lng: point!.lng, lat: point!.lat } }),
    enabled: !!point,
    staleTime: Infinity,
  });
}

function PlaceWords({ point }: { point: LngLat }) {
  const { t } = useTranslation();
  const place = usePlace(point);
  if (!place.data) return <>{t('portal.report.placeChecking')}</>;
  if (!place.data.inside) return <>{t('portal.report.placeOutside')}</>;
  return <>{[place.data.town, place.data.village].filter(Boolean).join(' · ')}</>;
}

export function PlacePicker({ position, picked, onPick }: { position: PositionState & { locate(): void }; picked: LngLat | null; onPick(p: LngLat | null): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<LngLat | null>(null);
  // The map opens close around the point already known; a tap then only moves the marker, not the view.
  const [focusOnOpen, setFocusOnOpen] = useState(false);
  const draftPlace = usePlace(draft);
  const fix = position.status === 'ok' ? { lng: position.fix.lng, lat: position.fix.lat } : null;

  const show = () => {
    setDraft(picked ?? fix);
    setFocusOnOpen(!!(picked ?? fix));
    setOpen(true);
  };
  const take = () => {
    onPick(draft);
    setOpen(false);
  };

  return (
    <div className="place-picker">
      {picked ? (
        <div className="position-line" role="status" aria-label={t('portal.report.pickedLabel')}>
          <span>
            {t('portal.report.picked')}
            <PlaceWords point={picked} />
          </span>
          <Button size="small" onClick={() => onPick(null)}>
            {t('portal.report.useGps')}
          </Button>
        </div>
      ) : (
        <PositionLine position={position} words="portal.report" />
      )}
      <Button size="small" fill="outline" color="primary" onClick={show} className="place-picker-open">
        {picked ? t('portal.report.repick') : t('portal.report.pickOnMap')}
      </Button>
      <Popup visible={open} onMaskClick={() => setOpen(false)} bodyStyle={{ height: '85vh', display: 'flex', flexDirection: 'column' }} destroyOnClose>
        <div className="place-picker-sheet" role="dialog" aria-label={t('portal.report.mapTitle')}>
          <div className="place-picker-head">{t('portal.report.mapHint')}</div>
          <div className="place-picker-map">
            <Suspense fallback={<SpinLoading style={{ margin: '48px auto' }} />}>
              <TerritoryMap
                source="public"
                label={t('portal.report.mapTitle')}
                picked={draft}
                onPick={(p) => {
                  setFocusOnOpen(false);
                  setDraft(p);
                }}
                focus={focusOnOpen}
                focusZoom={16}
                height="100%"
              />
            </Suspense>
          </div>
          <div className="position-line place-picker-foot" role="status" aria-label={t('portal.report.pickedLabel')}>
            <span>{draft ? <PlaceWords point={draft} /> : t('portal.report.mapHint')}</span>
          </div>
          <div className="portal-actions">
            <Button onClick={() => setOpen(false)}>{t('portal.report.cancel')}</Button>
            <Button color="primary" disabled={!draft || !draftPlace.data?.inside} onClick={take}>
              {t('portal.report.takePoint')}
            </Button>
          </div>
        </div>
      </Popup>
    </div>
  );
}
