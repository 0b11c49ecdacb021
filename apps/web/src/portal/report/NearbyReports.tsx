/** 附近已有人反映: the public reports nearby that may be the same matter, each with "我也遇到". */
import { Button, Image, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { NearbyReport } from '@liandong/contracts';

export function NearbyReports({ items, onMeToo }: { items: NearbyReport[]; onMeToo: (code: string) => void }) {
  const { t } = useTranslation();
  return (
    <section className="portal-card portal-nearby" aria-label={t('portal.report.nearbyTitle')}>
      <h2>{t('portal.report.nearbyTitle')}</h2>
      <p className="portal-muted">{t('portal.report.nearbyHint')}</p>
      <List>
        {items.map((r) => (
          <List.Item
            key={r.trackingCode}
            prefix={r.photoUrl ? <Image src={r.photoUrl} width={56} height={56} fit="cover" alt={r.category ?? ''} /> : undefined}
            description={`${t('portal.report.distance', { m: r.distanceM })} · ${r.state} · ${t('portal.report.reporters', { n: r.reporters })}`}
            extra={
              <Button size="small" color="primary" fill="outline" onClick={() => onMeToo(r.trackingCode)}>
                {t('portal.report.meToo')}
              </Button>
            }
          >
            {r.category ? `${r.category}：` : ''}
            {r.description}
          </List.Item>
        ))}
      </List>
    </section>
  );
}
