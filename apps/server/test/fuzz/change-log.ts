/**
 * Records every committed row change in the test database, so a test can tell that a refused request
 * changed nothing: a row trigger on every table appends to `fuzz_changes`. A change inside a
 * transaction that rolls back leaves no record, exactly like the change itself.
 */
import type { Queryable } from '@liandong/db';

/**
 * Tables a refused request may legitimately write to: the record of failed sign-ins and their
 * throttling (a wrong SMS code is counted on its row), sessions, and the audit trail of who searched or unmasked what.
 */
export const MAY_CHANGE_ON_REFUSAL = /^(login_|sessions$|citizen_sign_in_codes$|audit)/;

export async function installChangeLog(q: Queryable): Promise<string[]> {
  await q.query('create table if not exists fuzz_changes (id bigserial primary key, tbl text not null, op text not null)');
  await q.query(`create or replace function fuzz_note() returns trigger language plpgsql as $$
    begin insert into fuzz_changes (tbl, op) values (tg_table_name, tg_op); return null; end $$`);
  const r = await q.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'fuzz_changes'`,
  );
  const watched = r.rows.map((t) => t.name).filter((name) => !MAY_CHANGE_ON_REFUSAL.test(name));
  for (const name of watched) {
    await q.query(`create trigger fuzz_note after insert or update or delete on "${name}" for each row execute function fuzz_note()`);
  }
  return watched;
}

/** The number of the last change recorded (compare before and after a request). */
export async function lastChange(q: Queryable): Promise<number> {
  const r = await q.query<{ id: string | null }>('select max(id) as id from fuzz_changes');
  return Number(r.rows[0]!.id ?? 0);
}

/** The changes recorded after `id` (the first five), and the number of the last one: the mark for the next request. */
export async function changesSince(q: Queryable, id: number): Promise<{ changes: string[]; last: number }> {
  const r = await q.query<{ tbl: string | null; op: string | null; last: string | null }>(
    `select c.tbl, c.op, m.last from (select max(id) as last from fuzz_changes) m
       left join lateral (select tbl, op from fuzz_changes where id > $1 order by id limit 5) c on true`,
    [id],
  );
  return { changes: r.rows.filter((x) => x.tbl).map((x) => `${x.op} ${x.tbl}`), last: Number(r.rows[0]?.last ?? id) };
}
