/**
 * The API's single source: every route's request and response schema, and the vocabulary clients share.
 * `apiRoutes` is the registry the server registers and the typed clients are typed from.
 */
export * from './vocabulary.ts';
export * from './route.ts';
export * from './common.ts';
export * from './auth.ts';
export * from './orders.ts';
export * from './intake.ts';
export * from './order-map.ts';
export * from './live.ts';
export * from './admin.ts';
export * from './catalogue-admin.ts';
export * from './patrol.ts';
export * from './field.ts';
export * from './portal.ts';
export * from './portal-sign-in.ts';
export * from './org.ts';
export * from './calendar.ts';
export * from './files.ts';
export * from './catalogue.ts';
export * from './territory.ts';
export * from './messages.ts';
export * from './supervision.ts';
export * from './public.ts';
export * from './audit.ts';
export * from './tokens.ts';
export * from './screen.ts';
export * from './devices.ts';
export * from './system.ts';

export * from './api.ts';
export * from './client.ts';
export * from './assessment.ts';
export * from './warnings.ts';
export * from './knowledge.ts';
export * from './dispatch-suggestions.ts';
export * from './statistics.ts';
export * from './analysis-reports.ts';
