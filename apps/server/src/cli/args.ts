/** A small flag parser: positional words, `--key value`, `--key=value` and bare `--flag`. */
export interface Args {
  positional: string[];
  flags: Record<string, string>;
}

export function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) {
      flags[a.slice(2, eq)] = a.slice(eq + 1);
    } else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) {
      flags[a.slice(2)] = argv[++i]!;
    } else {
      flags[a.slice(2)] = 'true';
    }
  }
  return { positional, flags };
}

/** Repeatable flags arrive comma-separated: `--role dispatcher,shift_lead`. */
export function list(value: string | undefined): string[] {
  return value ? value.split(',').map((s) => s.trim()).filter(Boolean) : [];
}
