/**
 * 我的: the worker's grid with its base figures, his reports and their states (those not yet sent shown first, from
 * the phone), the language, signing out. A grid leader also opens his grid's overview.
 */
import { Button, Dialog, List, NavBar, Tag } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe, useSignOut } from '../../auth/session.ts';
import { call } from '../../shared/api.ts';
import { formatTime } from '../../shared/time.ts';
import { clearFieldCaches } from '../field-caches.ts';
import { useOutbox } from '../outbox/use-outbox.tsx';
import { PhoneLanguageSwitch } from '../../shared/PhoneLanguageSwitch.tsx';
import { useMyGrids } from '../shell/use-my-grids.ts';

export function MinePage() {
  const { t } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const grids = useMyGrids();
  const { items, pending } = useOutbox();
  const reports = useQuery({ queryKey: ['field', 'my-reports'], queryFn: () => call('orders.listOrders', { query: { reportedByMe: true, pageSize: 30 } }) });
  const unsent = items.filter((i) => i.request.kind === 'report' && i.state !== 'sent');
  const grid = grids.data?.[0];

  const leave = async () => {
    if (pending && !(await Dialog.confirm({ content: t('fieldApp.mine.signOutPending', { n: pending }) }))) return;
    await clearFieldCaches();
    await signOut();
  };
  return (
    <>
      <NavBar backIcon={null}>{t('fieldApp.mine.title')}</NavBar>
      <List header={me.data?.displayName}>
        {grid && (
          <>
            <List.Item extra={grid.code}>{grid.name}</List.Item>
            <List.Item extra={grid.households ?? '—'}>{t('fieldApp.mine.households')}</List.Item>
            <List.Item extra={grid.population ?? '—'}>{t('fieldApp.mine.population')}</List.Item>
            <List.Item extra={grid.enterprises ?? '—'}>{t('fieldApp.mine.enterprises')}</List.Item>
            <List.Item extra={grid.workers.map((w) => w.name).join('、') || '—'}>{t('fieldApp.mine.workers')}</List.Item>
          </>
        )}
        {me.data?.roles.includes('grid_leader') && (
          <List.Item arrow onClick={() => navigate('/grid')}>
            {t('fieldApp.grid.title')}
          </List.Item>
        )}
      </List>
      <section aria-label={t('fieldApp.mine.reports')}>
        <List header={t('fieldApp.mine.reports')}>
          {unsent.map((i) => (
            <List.Item key={`local-${i.id}`} extra={<Tag color="warning">{t('fieldApp.mine.notSent')}</Tag>} description={formatTime(i.madeAt)}>
              {i.title}
            </List.Item>
          ))}
          {(reports.data?.items ?? []).map((o) => (
            <List.Item key={o.id} extra={<Tag color={o.state.code === 'closed' ? 'success' : 'primary'}>{o.state.label}</Tag>} description={`${o.code} · ${formatTime(o.createdAt)}`}>
              {o.category?.name ?? o.description.slice(0, 20)}
            </List.Item>
          ))}
          {!unsent.length && !reports.data?.items.length && <List.Item>{t('fieldApp.mine.noReports')}</List.Item>}
        </List>
      </section>
      <List header={t('fieldApp.mine.lang')}>
        <List.Item>
          <PhoneLanguageSwitch label={t('fieldApp.mine.lang')} />
        </List.Item>
      </List>
      <div className="field-actions">
        <Button block size="large" color="danger" fill="outline" onClick={() => void leave()}>
          {t('fieldApp.mine.signOut')}
        </Button>
      </div>
    </>
  );
}
