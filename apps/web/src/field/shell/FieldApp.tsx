/** Signed in or not; then the worker's pages under a tab bar, with the network state and the outbox's count always in sight. */
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { Badge, DotLoading, TabBar } from 'antd-mobile';
import { AppOutline, EnvironmentOutline, SendOutline, UnorderedListOutline, UserOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session.ts';
import { OutboxProvider, useOutbox } from '../outbox/use-outbox.tsx';
import { LoginPage } from './LoginPage.tsx';
import { useOnline } from './use-online.ts';
import { TasksPage } from '../tasks/TasksPage.tsx';
import { TaskPage } from '../tasks/TaskPage.tsx';
import { ReportPage } from '../report/ReportPage.tsx';
import { OutboxPage } from '../outbox/OutboxPage.tsx';
import { PatrolPage } from '../patrol/PatrolPage.tsx';
import { MinePage } from '../mine/MinePage.tsx';
import { GridPage } from '../grid/GridPage.tsx';

export function FieldApp() {
  const me = useMe();
  if (me.isPending) {
    return (
      <div className="field-center" role="status">
        <DotLoading />
      </div>
    );
  }
  if (!me.data) return <LoginPage />;
  return (
    <OutboxProvider userId={me.data.id}>
      <Shell />
    </OutboxProvider>
  );
}

function Shell() {
  const { t } = useTranslation();
  const online = useOnline();
  const { pending } = useOutbox();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  // A page under a tab lights its tab: a task under 任务, the grid overview under 我的.
  const section = pathname.split('/')[1] ?? '';
  const tab = section === 'tasks' ? '/' : section === 'grid' ? '/mine' : `/${section}`;
  const tabs = [
    { key: '/', title: t('fieldApp.tabs.tasks'), icon: <UnorderedListOutline /> },
    { key: '/report', title: t('fieldApp.tabs.report'), icon: <AppOutline /> },
    { key: '/patrol', title: t('fieldApp.tabs.patrol'), icon: <EnvironmentOutline /> },
    { key: '/outbox', title: t('fieldApp.tabs.outbox'), icon: <SendOutline />, badge: pending ? String(pending) : undefined },
    { key: '/mine', title: t('fieldApp.tabs.mine'), icon: <UserOutline /> },
  ];
  return (
    <div className="field-shell">
      {!online && (
        <div className="field-offline" role="status">
          {t('fieldApp.net.offline')}
        </div>
      )}
      <main className="field-body">
        <Routes>
          <Route path="/" element={<TasksPage />} />
          <Route path="/tasks/:id" element={<TaskPage />} />
          <Route path="/report" element={<ReportPage />} />
          <Route path="/patrol" element={<PatrolPage />} />
          <Route path="/outbox" element={<OutboxPage />} />
          <Route path="/mine" element={<MinePage />} />
          <Route path="/grid" element={<GridPage />} />
          <Route path="*" element={<TasksPage />} />
        </Routes>
      </main>
      <nav aria-label={t('fieldApp.app.title')}>
        <TabBar className="field-tabbar" activeKey={tabs.some((x) => x.key === tab) ? tab : '/'} onChange={(k) => navigate(k)} safeArea>
          {tabs.map((x) => (
            <TabBar.Item key={x.key} title={x.title} icon={x.badge ? <Badge content={x.badge}>{x.icon}</Badge> : x.icon} aria-label={x.badge ? `${x.title} ${x.badge}` : x.title} />
          ))}
        </TabBar>
      </nav>
    </div>
  );
}
