/**
 * npm run bench:duplicates — how well the candidate list (相似案件, orders/similar) finds the order a new report
 * repeats, measured on a labelled set built from the demo history.
 *
 * The set: the demo history (BENCH_DAYS, default 3) plans some district-intake reports as repeats of an earlier
 * report of the same batch — the same condition, a point a few metres off, the description reworded
 * (demo/history/plan-orders.ts planDuplicates) — and merges each into it when their states allow (merges.ts). Every
 * merged order with its target is a positive pair. Each positive is asked as a new report would be: its point, its
 * category, its words, as of the moment it came in (only orders registered before it are candidates). As many
 * orders that are neither merged nor merge targets are asked the same way: whatever they are offered is no
 * duplicate (a planned repeat that could not be merged is counted so too: the figures err on the low side).
 *
 * Printed: recall at the list size shown (8) and at 1 and 3, the mean reciprocal rank, and for thresholds on the
 * top candidate's score the precision and recall of "the first candidate is the one it repeats".
 *
 *   LIANDONG_BENCH_DATABASE_URL (default: TEST_DATABASE_URL, DATABASE_URL, postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_DAYS (3)   BENCH_NEGATIVES (as many as positives)   BENCH_KEEP=1 keeps the database for the next run
 */
import { openPostgres } from '@liandong/db';
import { SIMILAR_DEFAULTS } from '@liandong/contracts';
import { loadActor } from '@liandong/core/org/org.repository.ts';
import { findSimilarCases } from '@liandong/core/orders/similar/similar-cases.ts';
import { loadWorkingCalendar } from '@liandong/core/calendar/calendar.repository.ts';
import { loadConfig } from '../src/config.ts';
import { demoCommand } from '../src/cli/demo.command.ts';
import { benchDbUrl, dropDatabase, freshDatabase } from './bench-server.ts';

const NAME = 'liandong_bench_duplicates';
const DAYS = Number(process.env.BENCH_DAYS ?? 3);
const keep = process.env.BENCH_KEEP === '1';
const LIST = SIMILAR_DEFAULTS.limit;

interface Query {
  id: number;
  lng: number;
  lat: number;
  category_code: string | null;
  description: string;
  created_at: Date;
  target: number | null;
}

async function main(): Promise<void> {
  const url = benchDbUrl(NAME);
  const admin = await openPostgres(benchDbUrl('postgres'), { max: 1 });
  const exists = (await admin.query<{ n: number }>('select count(*)::int as n from pg_database where datname = $1', [NAME])).rows[0]!.n > 0;
  await admin.close();
  if (!(keep && exists)) {
    await freshDatabase(NAME);
    const code = await demoCommand(loadConfig({ DATABASE_URL: url, LIANDONG_DEMO: '1', LIANDONG_DEMO_DAYS: String(DAYS) }));
    if (code !== 0) throw new Error('demo load failed');
  }
  const db = await openPostgres(url, { max: 2 });
  try {
    const cols = 'o.id, o.lng, o.lat, o.category_code, o.description, o.created_at';
    const positives = (await db.query<Query>(`select ${cols}, o.merged_into_id as target from orders o where o.state = 'merged' and o.merged_into_id is not null order by o.id`)).rows;
    const negativesWanted = Number(process.env.BENCH_NEGATIVES ?? positives.length);
    const negatives = (await db.query<Query>(
      `select ${cols}, null::bigint as target from orders o
        where o.state <> 'merged' and o.channel in ('hotline', 'app', 'web', 'wechat') and not exists (select 1 from orders m where m.merged_into_id = o.id)
        order by md5(o.id::text) limit $1`,
      [negativesWanted],
    )).rows;
    const total = (await db.query<{ n: number }>('select count(*)::int as n from orders')).rows[0]!.n;
    console.log(`bench:duplicates on ${NAME}: ${total} orders over ${DAYS} days; ${positives.length} merged repeats (positives), ${negatives.length} other reports (negatives); list size ${LIST}`);
    const dispatcherId = (await db.query<{ id: number }>(`select id from users where username = 'zx_dispatcher'`)).rows[0]!.id;
    const actor = (await loadActor(db, dispatcherId))!;
    const calendar = await loadWorkingCalendar(db);
    /** How a report is asked: as registered (category and words), by a citizen (words, no category), by an operator mid-call (category, the first words). */
    const variants: { name: string; input: (o: Query) => { categoryCode?: string; text: string } }[] = [
      { name: 'category and full text', input: (o) => ({ ...(o.category_code ? { categoryCode: o.category_code } : {}), text: o.description.slice(0, 500) }) },
      { name: 'text only (a citizen, no category)', input: (o) => ({ text: o.description.slice(0, 500) }) },
      { name: 'category and the first 12 characters (mid-call)', input: (o) => ({ ...(o.category_code ? { categoryCode: o.category_code } : {}), text: o.description.slice(0, 12) }) },
    ];
    for (const v of variants) {
      const ask = async (o: Query) =>
        (await findSimilarCases(db, actor, { lng: o.lng, lat: o.lat, ...v.input(o), limit: LIST }, 'zh', { now: new Date(o.created_at), calendar })).items.map((c) => ({ id: c.order.id, score: c.score }));
      const t0 = performance.now();
      const asked = [...positives, ...negatives];
      const lists: { o: Query; list: { id: number; score: number }[] }[] = [];
      for (const o of asked) lists.push({ o, list: await ask(o) });
      const ms = (performance.now() - t0) / asked.length;
      const ranks = lists.filter((x) => x.o.target !== null).map((x) => x.list.findIndex((c) => c.id === Number(x.o.target)) + 1);
      const recallAt = (k: number) => ranks.filter((r) => r > 0 && r <= k).length / Math.max(1, ranks.length);
      const mrr = ranks.reduce((sum, r) => sum + (r > 0 ? 1 / r : 0), 0) / Math.max(1, ranks.length);
      const shown = lists.filter((x) => x.o.target === null).map((x) => x.list.length);
      console.log(`\n${v.name}`);
      console.log(`  recall@1 ${recallAt(1).toFixed(3)}   recall@3 ${recallAt(3).toFixed(3)}   recall@${LIST} ${recallAt(LIST).toFixed(3)}   MRR ${mrr.toFixed(3)}   (${ms.toFixed(1)} ms a query)`);
      console.log(`  negatives offered candidates: ${shown.filter((n) => n > 0).length} of ${shown.length} (mean list ${(shown.reduce((a, b) => a + b, 0) / Math.max(1, shown.length)).toFixed(1)})`);
      const rows = [0.5, 0.6, 0.7, 0.8, 0.9].map((tau) => {
        let tp = 0;
        let fp = 0;
        for (const { o, list } of lists) {
          const top = list[0];
          if (!top || top.score < tau) continue;
          if (o.target !== null && top.id === Number(o.target)) tp++;
          else fp++;
        }
        return `${tau.toFixed(1)}: P ${(tp / Math.max(1, tp + fp)).toFixed(2)} R ${(tp / Math.max(1, positives.length)).toFixed(2)}`;
      });
      console.log(`  top candidate is the repeated order, by threshold on its score — ${rows.join('   ')}`);
    }
  } finally {
    await db.close();
    if (!keep) await dropDatabase(NAME);
  }
}

await main();
