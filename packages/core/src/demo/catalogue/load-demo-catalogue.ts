/**
 * Loads the demo catalogue into a database whose units exist: categories, conditions and their unit rules
 * in one transaction, each table in a few batched statements (the embedded PGlite pays per statement).
 */
import type { Db } from '@liandong/db';
import { writeCataloguePlan, type WriteCatalogueResult } from '../../catalogue/write-catalogue.ts';
import { buildDemoCatalogue } from './build-demo-catalogue.ts';

/** unitIdByCode must hold every department code the demo names (DEPARTMENTS in org-data.ts). */
export async function loadDemoCatalogue(db: Db, unitIdByCode: ReadonlyMap<string, number>): Promise<WriteCatalogueResult> {
  const plan = buildDemoCatalogue();
  return db.transaction((tx) => writeCataloguePlan(tx, plan, unitIdByCode, { batchSize: plan.conditions.length }));
}
