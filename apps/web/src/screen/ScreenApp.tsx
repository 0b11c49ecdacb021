/**
 * 大屏: the area's headline figures, the newest orders, the map of live load and recent orders, the rankings, the
 * channel and nature mix and a clock, on a dark stage readable from across the room. No sign-in: the token in the
 * address is the key; a refused one shows why, never the console's sign-in.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenRatio, ScreenSnapshot } from '@liandong/contracts';
import { Clock } from './Clock.tsx';
import { Board } from './Board.tsx';
import { Rankings } from './Rankings.tsx';
import { RollingNumber } from './RollingNumber.tsx';
import { Stage } from './Stage.tsx';
import { Warnings } from './Warnings.tsx';
import { useScreenLive } from './use-screen-live.ts';
import type { ScreenFailure } from './screen-api.ts';

const ScreenMap = lazy(() => import('./ScreenMap.tsx'));
const MixCharts = lazy(() => import('./MixCharts.tsx'));

export function ScreenApp() {
  const { t } = useTranslation();
  const { view, fresh, link, error, refused, updatedAt } = useScreenLive();
  if (refused) return <Refused failure={error as ScreenFailure} />;
  return (
    <Stage>
      <header className="scr-header">
        <Clock />
        <h1 className="scr-title">{view ? t('screen.title', { area: view.area.name }) : t('screen.titleFallback')}</h1>
        <div className={`scr-link scr-link-${link}`} role="status" aria-label={t(link === 'live' ? 'screen.live' : 'screen.reconnecting')}>
          <span className="scr-link-dot" />
          <span>{t(link === 'live' ? 'screen.live' : 'screen.reconnecting')}</span>
          {updatedAt > 0 && (
            <span className="scr-link-time">
              {t('screen.updatedAt', { time: new Date(updatedAt).toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }) })}
            </span>
          )}
        </div>
      </header>
      {!view ? (
        <div className="scr-loading">{error ? t('screen.refused.network') : t('screen.loading')}</div>
      ) : (
        <>
          <Figures v={view} />
          <main className="scr-main">
            <aside className="scr-col scr-left">
              <Rankings v={view} />
            </aside>
            <section className="scr-centre">
              <Suspense fallback={<div className="scr-panel scr-map" />}>
                <ScreenMap v={view} />
              </Suspense>
              <Warnings warnings={view.warnings} />
            </section>
            <aside className="scr-col scr-right">
              <Board orders={view.recent} fresh={fresh} />
              <Suspense fallback={<div className="scr-mix" />}>
                <MixCharts v={view} />
              </Suspense>
            </aside>
          </main>
        </>
      )}
    </Stage>
  );
}

function Figures({ v }: { v: ScreenSnapshot }) {
  const { t } = useTranslation();
  const f = v.figures;
  const count = (key: string, n: number, tone = '') => (
    <div className={`scr-figure ${tone}`} role="group" aria-label={t(`screen.figures.${key}`)} data-value={n}>
      <div className="scr-figure-label">{t(`screen.figures.${key}`)}</div>
      <div className="scr-figure-value">
        <RollingNumber value={n} />
        <span className="scr-figure-unit">{t('screen.figures.unit')}</span>
      </div>
    </div>
  );
  const rate = (key: string, r: ScreenRatio) => (
    <div className="scr-figure" role="group" aria-label={t(`screen.figures.${key}`)} data-value={r.rate ?? ''}>
      <div className="scr-figure-label">{t(`screen.figures.${key}`)}</div>
      <div className="scr-figure-value">
        {r.rate === null ? <span>{t('screen.figures.none')}</span> : <RollingNumber value={r.rate * 100} decimals={1} />}
        {r.rate !== null && <span className="scr-figure-unit">%</span>}
      </div>
      <div className="scr-figure-sub">{t('screen.figures.of', { hit: r.hit, of: r.of })}</div>
    </div>
  );
  return (
    <section className="scr-figures" aria-label={t('screen.figures.region')}>
      {count('received', f.received, 'scr-figure-lead')}
      {rate('completion', f.completion)}
      {rate('onTime', f.onTime)}
      {rate('satisfaction', f.satisfaction)}
      {rate('directClose', f.directClose)}
      {count('open', f.open)}
      {count('overdue', f.overdue, f.overdue > 0 ? 'scr-figure-alarm' : '')}
    </section>
  );
}

function Refused({ failure }: { failure: ScreenFailure }) {
  const { t } = useTranslation();
  return (
    <div className="scr-refused" role="alert" aria-label={t('screen.refused.title')}>
      <div className="scr-refused-box">
        <h1>{t('screen.refused.title')}</h1>
        <p className="scr-refused-reason">{failure.message}</p>
        <p className="scr-refused-hint">{t('screen.refused.hint')}</p>
        <p className="scr-refused-code">{failure.code}</p>
      </div>
    </div>
  );
}
