/** Every route of the API by `module.name`: the registry the server registers and the typed clients are typed from. */
import { assessmentRoutes } from './assessment.ts';
import { statisticsRoutes } from './statistics.ts';
import { auditRoutes } from './audit.ts';
import { authRoutes } from './auth.ts';
import { calendarRoutes } from './calendar.ts';
import { catalogueRoutes } from './catalogue.ts';
import { fileRoutes } from './files.ts';
import { adminRoutes } from './admin.ts';
import { catalogueAdminRoutes } from './catalogue-admin.ts';
import { intakeRoutes } from './intake.ts';
import { liveRoutes } from './live.ts';
import { messageRoutes } from './messages.ts';
import { orgRoutes } from './org.ts';
import { patrolRoutes } from './patrol.ts';
import { fieldRoutes } from './field.ts';
import { portalRoutes } from './portal.ts';
import { portalSignInRoutes } from './portal-sign-in.ts';
import { orderMapRoutes } from './order-map.ts';
import { orderActionRoutes, orderRoutes } from './orders.ts';
import { publicRoutes } from './public.ts';
import { supervisionRoutes } from './supervision.ts';
import { systemRoutes } from './system.ts';
import { territoryRoutes } from './territory.ts';
import { tokenRoutes } from './tokens.ts';
import { deviceRoutes } from './devices.ts';
import { warningRoutes } from './warnings.ts';
import { dispatchSuggestionRoutes } from './dispatch-suggestions.ts';
import { screenRoutes } from './screen.ts';
import { knowledgeRoutes } from './knowledge.ts';
import { analysisReportRoutes } from './analysis-reports.ts';


type Prefixed<P extends string, R> = { [K in keyof R as `${P}.${K & string}`]: R[K] };
const prefixed = <P extends string, R extends object>(p: P, r: R) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [`${p}.${k}`, v])) as Prefixed<P, R>;

/** Every route of the API, by `module.name`. */
export const apiRoutes = {
  ...prefixed('system', systemRoutes),
  ...prefixed('auth', authRoutes),
  ...prefixed('orders', { ...orderRoutes, ...intakeRoutes, ...orderMapRoutes }),
  ...prefixed('actions', orderActionRoutes),
  ...prefixed('territory', territoryRoutes),
  ...prefixed('catalogue', catalogueRoutes),
  ...prefixed('files', fileRoutes),
  ...prefixed('messages', messageRoutes),
  ...prefixed('supervision', supervisionRoutes),
  ...prefixed('public', publicRoutes),
  ...prefixed('audit', auditRoutes),
  ...prefixed('tokens', tokenRoutes),
  ...prefixed('live', liveRoutes),
  ...prefixed('admin', { ...adminRoutes, ...catalogueAdminRoutes }),
  ...prefixed('org', orgRoutes),
  ...prefixed('calendar', calendarRoutes),
  ...prefixed('patrol', patrolRoutes),
  ...prefixed('field', fieldRoutes),
  ...prefixed('portal', { ...portalRoutes, ...portalSignInRoutes }),
  ...prefixed('devices', deviceRoutes),
  ...prefixed('assessment', assessmentRoutes),
  ...prefixed('warnings', warningRoutes),
  ...prefixed('dispatch', dispatchSuggestionRoutes),
  ...prefixed('statistics', statisticsRoutes),
  ...prefixed('screen', screenRoutes),
  ...prefixed('knowledge', knowledgeRoutes),
  ...prefixed('analysisReports', analysisReportRoutes),
};
export type ApiRoutes = typeof apiRoutes;
