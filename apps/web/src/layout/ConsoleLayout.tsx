/** The console's frame: the platform's name, the user with his roles, the language switch and sign-out; the page below. */
import type { ReactNode } from 'react';
import { Badge, Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ROLE_LABELS, type Me } from '@liandong/contracts';
import { useSignOut } from '../auth/session.ts';
import { pick } from '../i18n.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useLiveOrders } from '../live/use-live-orders.ts';
import { mayAdminister } from '../admin/AdminPage.tsx';
import { useDetections } from '../detections/use-detections.ts';

export function ConsoleLayout({ me, children }: { me: Me; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const live = useLiveOrders();
  // Pages beyond the desk, each shown only when the server would let the user in (GET /me: permissions).
  const pages = [
    { key: '/', label: t('layout.desk') },
    ...(me.permissions.includes('orders.intake') ? [{ key: '/intake', label: t('layout.intake') }] : []),
    ...(me.permissions.includes('supervision.board') ? [{ key: '/supervision', label: t('layout.board') }] : []),
    ...(me.permissions.includes('events.review') ? [{ key: '/detections', label: <ReviewMenuLabel /> }] : []),
    ...(me.permissions.includes('statistics.view') ? [{ key: '/dashboard', label: t('layout.dashboard') }] : []),
    ...(me.permissions.includes('assessment.view') ? [{ key: '/assessment', label: t('layout.assessment') }] : []),
    ...(me.permissions.includes('warnings.view') ? [{ key: '/warnings', label: t('layout.warnings') }] : []),
    ...(me.permissions.includes('knowledge.read') ? [{ key: '/knowledge', label: t('layout.knowledge') }] : []),
    ...(me.permissions.includes('reports.view') ? [{ key: '/reports', label: t('layout.reports') }] : []),
    ...(mayAdminister(me) ? [{ key: '/admin', label: t('layout.admin') }] : []),
  ];
  return (
    <Layout className="console">
      <Layout.Header className="console-header">
        <Link to="/" className="console-brand" aria-label={t('app.title')} title={t('app.title')}>
          <span className="console-logo" aria-hidden>
            联
          </span>
          {/* On a laptop the name gives its room to the pages (console.css): the logo stays, named. */}
          <span className="console-brand-name">{t('app.title')}</span>
        </Link>
        <Menu
          theme="dark"
          mode="horizontal"
          className="console-nav"
          aria-label={t('layout.pages')}
          selectedKeys={[pages.find((p) => p.key !== '/' && pathname.startsWith(p.key))?.key ?? '/']}
          items={pages}
          onClick={({ key }) => void navigate(key)}
        />
        <Space size="middle">
          <Badge status={live === 'live' ? 'success' : live === 'offline' ? 'error' : 'processing'} text={<span className="console-live">{t(`layout.live.${live}`)}</span>} role="status" />
          <Typography.Text className="console-user">{me.displayName}</Typography.Text>
          <span aria-label={t('layout.roles')}>
            {me.roles.map((r) => (
              <Tag key={r} color="blue">
                {pick(ROLE_LABELS[r], i18n.language)}
              </Tag>
            ))}
          </span>
          <LanguageSwitch inverse />
          <Button onClick={() => void signOut()}>{t('layout.signOut')}</Button>
        </Space>
      </Layout.Header>
      <Layout.Content className="console-content">{children}</Layout.Content>
    </Layout>
  );
}

/** 事件审核 with the count of detections waiting (the review page's own query: one request for both). */
function ReviewMenuLabel() {
  const { t } = useTranslation();
  const waiting = useDetections('pending');
  const n = waiting.data?.total ?? 0;
  return (
    <span className="console-nav-count">
      {t('layout.detections')}
      {n > 0 && <Badge count={n} size="small" offset={[6, -2]} aria-label={t('detections.review.waiting', { count: n })} />}
    </span>
  );
}
