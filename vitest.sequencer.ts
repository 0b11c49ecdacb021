/**
 * The order test files start in. Vitest runs one project (engine) after the other, and within a project its
 * default puts a fresh clone's files in order of size, so a long file could start last and run alone while the
 * other worker idles. Here the files known to take longest (they start real `liandong` processes or send
 * thousands of requests) start first in each project, then the rest by their last measured time (vitest's cache,
 * on a developer's machine) or their size. Projects stay together: a worker switching engines is a new process.
 */
import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Longest first; measured (each ~30–90 s per engine against ~1–10 s for the rest). */
export const LONGEST_FILES = [
  'apps/server/test/cli.test.ts',
  'apps/server/test/first-start.test.ts',
  'apps/server/test/api-fuzz.test.ts',
  'apps/server/test/api-and-worker-processes.test.ts',
  'packages/core/src/timers/timer-processes.db.test.ts',
];

export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const weight = (spec: TestSpecification): number => {
      const path = relative(root, spec.moduleId);
      const long = LONGEST_FILES.indexOf(path);
      if (long >= 0) return 1e9 - long;
      const measured = this.ctx.cache.getFileTestResults(`${spec.project.name}:${path}`)?.duration;
      return measured ?? statSync(spec.moduleId).size / 100;
    };
    return [...files].sort((a, b) => {
      if (a.project.name !== b.project.name) return projectRank(a) - projectRank(b) || (a.project.name < b.project.name ? -1 : 1);
      return weight(b) - weight(a);
    });
  }
}

/** The database projects first (they hold the long files), the quick unit and browser projects last. */
function projectRank(spec: TestSpecification): number {
  return spec.project.name === 'unit' || spec.project.name === 'e2e' ? 1 : 0;
}
