/**
 * The glossary's table of actions is the vocabulary's (one copy of the labels): it is generated from
 * ACTION_LABELS, and this test fails, printing the table to paste, when the two differ.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actionsTable } from './glossary.ts';

describe('the glossary', () => {
  it('lists every action with the labels of the vocabulary', () => {
    const glossary = readFileSync(new URL('../../../docs/glossary.md', import.meta.url), 'utf8');
    const section = glossary.split('## Actions 操作')[1]!.split('\n## ')[0]!;
    const table = section
      .split('\n')
      .filter((l) => l.startsWith('|'))
      .join('\n');
    expect(table, `docs/glossary.md "Actions 操作" should read:\n${actionsTable()}`).toBe(actionsTable());
  });
});
