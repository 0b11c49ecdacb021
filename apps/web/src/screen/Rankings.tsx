/** 排名: the units and the towns (or a town's villages) by the orders they closed this month, with today's and the on-time share. */
import { useTranslation } from 'react-i18next';
import type { ScreenRankRow, ScreenSnapshot } from '@liandong/contracts';

function RankList({ id, title, rows, limit }: { id: string; title: string; rows: ScreenRankRow[]; limit: number }) {
  const { t } = useTranslation();
  const shown = rows.slice(0, limit);
  const top = Math.max(1, ...shown.map((r) => r.monthClosed));
  return (
    <section className="scr-panel scr-rank" aria-labelledby={id}>
      <h2 id={id} className="scr-panel-title">
        {title}
      </h2>
      <ol className="scr-rank-list" aria-label={title}>
        {shown.map((r, i) => {
          const onTime = r.monthClosed > 0 ? Math.round((r.monthOnTime / r.monthClosed) * 1000) / 10 : null;
          return (
            <li key={r.key} className="scr-rank-row">
              <span className={`scr-rank-no scr-rank-no-${i < 3 ? i + 1 : 'n'}`}>{i + 1}</span>
              <span className="scr-rank-name" title={r.name}>
                {r.name}
              </span>
              <span className="scr-rank-bar" aria-hidden>
                <span style={{ width: `${(r.monthClosed / top) * 100}%` }} />
              </span>
              <span className="scr-rank-fig scr-num" aria-label={`${t('screen.units.closed')} ${r.monthClosed}`}>
                {r.monthClosed}
              </span>
              <span className="scr-rank-sub scr-num">
                {t('screen.units.today')} {r.todayClosed} · {t('screen.units.onTime')} {onTime === null ? '—' : `${onTime}%`}
              </span>
            </li>
          );
        })}
        {shown.length === 0 && <li className="scr-empty">{t('screen.units.none')}</li>}
      </ol>
    </section>
  );
}

export function Rankings({ v }: { v: ScreenSnapshot }) {
  const { t } = useTranslation();
  return (
    <>
      <RankList id="scr-units" title={t('screen.units.title')} rows={v.units} limit={6} />
      <RankList id="scr-areas" title={t(v.area.level === 'district' ? 'screen.areas.titleTowns' : 'screen.areas.titleVillages')} rows={v.areas} limit={6} />
    </>
  );
}
