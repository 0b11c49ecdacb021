/**
 * The first start of a deployment, serialised across processes: under one transaction-level advisory
 * lock, a database that is not yet ready gets its initial data — the demo district (embedded database, or
 * LIANDONG_DEMO=1) or one administrator — together with the completion marker. A second process started at
 * the same moment waits on the lock, then finds the deployment ready. A kill rolls everything back.
 */
import { withinTransaction } from '@liandong/db';
import { loadDemoDistrict, resetDeploymentData } from '@liandong/core/demo/index.ts';
import { createFirstAdmin, deploymentState, generatePassword, markDeploymentReady, type DeploymentState } from '@liandong/core/setup/deployment.ts';
import type { Config } from './config.ts';
import type { Platform } from './platform.ts';

/** Advisory-lock key of first-start work (distinct from the migrations' key). */
const FIRST_START_LOCK = 0x4c440002;

export type FirstStart =
  | { done: 'nothing'; state: DeploymentState }
  | { done: 'demo' }
  | { done: 'admin'; password?: string; generated: boolean };

export async function firstStart(p: Platform, config: Config, log: (line: string) => void = console.log): Promise<FirstStart> {
  return p.db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [FIRST_START_LOCK]);
    const state = await deploymentState(tx);
    if (state === 'ready') return { done: 'nothing', state };
    if (config.demo) {
      const db = withinTransaction(tx, p.db.kind);
      if (state === 'incomplete') {
        log('The demo district was not completely loaded before: loading it again 演示数据上次未加载完成，正在重新加载');
        await resetDeploymentData(db);
      } else {
        log('Empty database: loading the demo district 吴江区 (320509) … 空数据库：正在加载演示数据');
      }
      await loadDemoDistrict(db, { password: config.demoPassword });
      return { done: 'demo' };
    }
    if (state === 'incomplete') {
      // Data we did not put there and no marker: refuse to call it whole; an operator decides (README).
      return { done: 'nothing', state };
    }
    const password = config.adminPassword ?? generatePassword();
    await createFirstAdmin(tx, password);
    await markDeploymentReady(tx, 'production', p.clock());
    return config.adminPassword ? { done: 'admin', generated: false } : { done: 'admin', password, generated: true };
  });
}
