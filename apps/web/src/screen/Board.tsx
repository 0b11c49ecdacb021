/** 最新工单: the newest orders rolling in at the top, the one just heard lit for a moment. Public data only. */
import { useTranslation } from 'react-i18next';
import type { ScreenOrder } from '@liandong/contracts';

const time = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });

export function Board({ orders, fresh }: { orders: ScreenOrder[]; fresh: ReadonlySet<string> }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <section className="scr-panel scr-board" aria-labelledby="scr-board-title">
      <h2 id="scr-board-title" className="scr-panel-title">
        {t('screen.board.title')}
      </h2>
      <table className="scr-board-table" aria-label={t('screen.board.title')}>
        <thead>
          <tr>
            <th scope="col">{t('screen.board.time')}</th>
            <th scope="col">{t('screen.board.code')}</th>
            <th scope="col">{t('screen.board.category')}</th>
            <th scope="col">{t('screen.board.town')}</th>
            <th scope="col">{t('screen.board.channel')}</th>
          </tr>
        </thead>
        <tbody>
          {orders.slice(0, 11).map((o) => (
            <tr key={o.orderId} className={fresh.has(o.code) ? 'scr-board-fresh' : undefined}>
              <td className="scr-num">{time(o.at)}</td>
              <td className="scr-num">{o.code}</td>
              <td title={o.category ?? undefined}>{o.category ?? t('screen.board.unclassified')}</td>
              <td>{o.town ?? '—'}</td>
              <td>{en && o.channelNameEn ? o.channelNameEn : o.channelName}</td>
            </tr>
          ))}
          {orders.length === 0 && (
            <tr>
              <td colSpan={5} className="scr-empty">
                {t('screen.board.empty')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
