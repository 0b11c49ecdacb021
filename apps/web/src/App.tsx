/** Routes of the console: sign-in when nobody is signed in; else the desk, the order detail and each page GET /me allows, inside the frame. */
import { lazy, Suspense } from 'react';
import { Spin } from 'antd';
import { Route, Routes } from 'react-router';
import { ChangePasswordPage } from './auth/ChangePasswordPage.tsx';
import { LoginPage } from './auth/LoginPage.tsx';
import { useMe } from './auth/session.ts';
import { DeskPage } from './desk/DeskPage.tsx';
import { IntakePage } from './intake/IntakePage.tsx';
import { AdminPage, mayAdminister } from './admin/AdminPage.tsx';
import { ConsoleLayout } from './layout/ConsoleLayout.tsx';
import { OrderDetailPage } from './orders/OrderDetailPage.tsx';
import { BoardPage } from './supervision/BoardPage.tsx';
import { ReviewPage } from './detections/ReviewPage.tsx';
import { AssessmentPage } from './assessment/AssessmentPage.tsx';
import { WarningsPage } from './warnings/WarningsPage.tsx';
import { KnowledgePage } from './knowledge/KnowledgePage.tsx';
import { ReportsPage } from './reports/ReportsPage.tsx';

// The dashboard brings ECharts and exceljs: its own chunk, loaded only when opened.
const DashboardPage = lazy(() => import('./dashboard/DashboardPage.tsx'));

export function App() {
  const me = useMe();
  if (me.isLoading) return <Spin fullscreen />;
  if (!me.data) return <LoginPage />;
  if (me.data.mustChangePassword) return <ChangePasswordPage me={me.data} />;
  return (
    <ConsoleLayout me={me.data}>
      <Routes>
        <Route path="/" element={<DeskPage me={me.data} />} />
        <Route path="/orders/:id" element={<OrderDetailPage me={me.data} />} />
        {me.data.permissions.includes('orders.intake') && <Route path="/intake" element={<IntakePage me={me.data} />} />}
        {me.data.permissions.includes('supervision.board') && <Route path="/supervision" element={<BoardPage />} />}
        {me.data.permissions.includes('events.review') && <Route path="/detections" element={<ReviewPage />} />}
        {me.data.permissions.includes('statistics.view') && (
          <Route
            path="/dashboard"
            element={
              <Suspense fallback={<Spin />}>
                <DashboardPage />
              </Suspense>
            }
          />
        )}
        {me.data.permissions.includes('assessment.view') && <Route path="/assessment" element={<AssessmentPage />} />}
        {me.data.permissions.includes('warnings.view') && <Route path="/warnings" element={<WarningsPage me={me.data} />} />}
        {me.data.permissions.includes('knowledge.read') && <Route path="/knowledge" element={<KnowledgePage me={me.data} />} />}
        {me.data.permissions.includes('reports.view') && <Route path="/reports" element={<ReportsPage me={me.data} />} />}
        {mayAdminister(me.data) && <Route path="/admin" element={<AdminPage me={me.data} />} />}
        <Route path="*" element={<DeskPage me={me.data} />} />
      </Routes>
    </ConsoleLayout>
  );
}
