/** 同义词: the pairs search expands a query with (社保 ↔ 社会保险), kept by administrators as data. */
import type { Queryable } from '@liandong/db';
import type { SynonymView } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { conflict, invalidField, notFound } from '../shared/errors.ts';

export async function listSynonyms(q: Queryable, actor: Actor): Promise<SynonymView[]> {
  assertMay(actor, 'knowledge.read');
  return (await q.query<SynonymView>('select id, word, synonym from kb_synonyms order by word, synonym')).rows;
}

export async function addSynonym(q: Queryable, actor: Actor, body: { word: string; synonym: string }): Promise<SynonymView> {
  assertMay(actor, 'knowledge.synonyms');
  const word = body.word.trim();
  const synonym = body.synonym.trim();
  if (!word) throw invalidField('word', '词语不能为空', 'the word is empty');
  if (!synonym) throw invalidField('synonym', '同义词不能为空', 'the synonym is empty');
  if (word === synonym) throw invalidField('synonym', '同义词不能与词语相同', 'the synonym is the word itself');
  const exists = await q.query('select 1 from kb_synonyms where (word = $1 and synonym = $2) or (word = $2 and synonym = $1)', [word, synonym]);
  if (exists.rowCount) throw conflict('duplicate', '这对同义词已存在', 'This pair already exists', 'synonym');
  return (await q.query<SynonymView>('insert into kb_synonyms (word, synonym) values ($1, $2) returning id, word, synonym', [word, synonym])).rows[0]!;
}

export async function deleteSynonym(q: Queryable, actor: Actor, id: number): Promise<{ ok: true }> {
  assertMay(actor, 'knowledge.synonyms');
  const r = await q.query('delete from kb_synonyms where id = $1', [id]);
  if (!r.rowCount) throw notFound({ zh: '同义词', en: 'Synonym' });
  return { ok: true };
}
