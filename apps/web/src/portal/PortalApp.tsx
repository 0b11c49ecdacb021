/** The portal's pages: home, report, the receipt, progress by tracking code, rating by the call-back link, 我的 (sign-in by SMS code, 我的上报). */
import { Route, Routes } from 'react-router';
import { HomePage } from './HomePage.tsx';
import { ReportPage } from './report/ReportPage.tsx';
import { DonePage } from './report/DonePage.tsx';
import { TrackPage } from './track/TrackPage.tsx';
import { RatePage } from './rate/RatePage.tsx';
import { MinePage } from './mine/MinePage.tsx';

export function PortalApp() {
  return (
    <Routes>
      <Route path="/" element={<HomePage />} />
      <Route path="/report" element={<ReportPage />} />
      <Route path="/done/:code" element={<DonePage />} />
      <Route path="/track/:code" element={<TrackPage />} />
      <Route path="/rate/:token" element={<RatePage />} />
      <Route path="/mine" element={<MinePage />} />
      <Route path="*" element={<HomePage />} />
    </Routes>
  );
}
