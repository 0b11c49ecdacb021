export { loadDemoDistrict, isDatabaseEmpty, demoAccounts, resetDeploymentData, DEMO_ACCOUNTS_KEY, DEMO_HISTORY_KEY } from './load-demo.ts';
export type { DemoAccount } from './demo-users.ts';
export { CENTRE, DEPARTMENTS, TOWNS, DISTRICT_CODE } from './org-data.ts';
