export * from './common.ts';
export * from './orders.ts';
