/**
 * 巡查: start and end patrol mode; the positions recorded; the grid's coverage today (巡查覆盖率: the share of its
 * cells the day's tracks passed through, as the server counts it once the batches arrived).
 */
import { useEffect, useRef, useState } from 'react';
import { Button, List, NavBar, ProgressCircle } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session.ts';
import { call } from '../../shared/api.ts';
import { useOutbox } from '../outbox/use-outbox.tsx';
import { todayWindow, useMyGrids } from '../shell/use-my-grids.ts';
import { fieldDb } from '../outbox/outbox.db.ts';
import { usePosition } from '../../shared/use-position.ts';
import { FormAlert } from '../../shared/FormAlert.tsx';
import { percent } from '../shell/percent.ts';
import { GridMap } from './GridMap.tsx';
import { TrackRecorder } from './track-recorder.ts';

export function PatrolPage() {
  const { t } = useTranslation();
  const me = useMe();
  const grids = useMyGrids();
  const { syncNow } = useOutbox();
  const grid = grids.data?.[0];
  const recorder = useRef<TrackRecorder | null>(null);
  const [on, setOn] = useState(false);
  const [points, setPoints] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const coverage = useQuery({
    queryKey: ['field', 'coverage', grid?.code],
    queryFn: () => call('patrol.gridCoverage', { query: { gridCode: grid!.code, ...todayWindow(), map: true } }),
    enabled: !!grid,
    refetchInterval: on ? 30_000 : false,
  });
  const position = usePosition();
  // The worker's own positions today, live from the phone: those still to be batched and those in the outbox.
  const since = todayWindow().from;
  const track =
    useLiveQuery(async () => {
      if (!me.data) return [];
      const userId = me.data.id;
      const batched = (await fieldDb.outbox.where('userId').equals(userId).toArray()).flatMap((i) => (i.request.kind === 'track' ? i.request.body.points : []));
      const recording = await fieldDb.track.where('userId').equals(userId).toArray();
      return [...batched, ...recording].filter((p) => p.at >= since).sort((a, b) => a.at.localeCompare(b.at)).map((p): [number, number] => [p.lng, p.lat]);
    }, [me.data?.id, since, points]) ?? [];
  useEffect(() => () => void recorder.current?.stop(), []);

  const toggle = async () => {
    if (!me.data) return;
    if (recorder.current?.recording) {
      await recorder.current.stop();
      setOn(false);
      await syncNow();
      await coverage.refetch();
      return;
    }
    recorder.current = new TrackRecorder(me.data.id, t('fieldApp.outbox.kinds.track'), setPoints, setError);
    recorder.current.start();
    setOn(true);
  };
  const c = coverage.data;
  return (
    <>
      <NavBar backIcon={null}>{t('fieldApp.patrol.title')}</NavBar>
      <List>
        {grid && <List.Item extra={grid.code}>{`${t('fieldApp.patrol.grid')}：${grid.name}`}</List.Item>}
        <List.Item>
          <div className="field-coverage">
            <ProgressCircle percent={(c?.ratio ?? 0) * 100} style={{ '--size': '96px', '--track-width': '8px' }}>
              <span className="field-figure">{percent(c?.ratio ?? 0)}</span>
            </ProgressCircle>
            <div>
              <div>{t('fieldApp.patrol.coverage')}</div>
              {c && <div className="field-muted">{t('fieldApp.patrol.coverageOf', { visited: c.visited, cells: c.cells })}</div>}
            </div>
          </div>
        </List.Item>
        {on && <List.Item>{t('fieldApp.patrol.points', { n: points })}</List.Item>}
      </List>
      {c?.map && (
        <div style={{ padding: '8px 12px' }}>
          <GridMap
            outline={c.map.outline}
            visitedCells={c.map.visitedCells}
            track={track}
            here={on && track.length ? track.at(-1)! : position.status === 'ok' ? [position.fix.lng, position.fix.lat] : null}
            label={`${t('fieldApp.patrol.map')}：${t('fieldApp.patrol.coverageOf', { visited: c.visited, cells: c.cells })}`}
          />
        </div>
      )}
      <FormAlert message={error && `${t('fieldApp.patrol.noGps')}（${error}）`} />
      <div className="field-actions">
        <Button block size="large" color={on ? 'danger' : 'primary'} onClick={() => void toggle()}>
          {on ? t('fieldApp.patrol.stop') : t('fieldApp.patrol.start')}
        </Button>
      </div>
    </>
  );
}
