/** The `liandong` command run as a real process, the way an operator (or a crash) meets it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/liandong.mjs', import.meta.url));

export interface Started {
  url: string;
  output: () => string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Spawns `liandong start`; resolves with its address once it prints that it is ready. */
export function startProcess(env: NodeJS.ProcessEnv, timeoutMs = 90_000, flags: string[] = []): Promise<Started> {
  const child = spawn(process.execPath, [BIN, 'start', ...flags], { env });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in time:\n${out}`)), timeoutMs);
    child.stderr.on('data', (c) => (out += c));
    child.stdout.on('data', (c) => {
      out += c;
      const m = /is ready in [\d.]+ s: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, output: () => out, kill: (signal) => killed(child, signal) });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
}

/** Spawns `liandong start` and kills it with SIGKILL after `ms`, whatever it is doing then. */
export async function killDuringStart(env: NodeJS.ProcessEnv, ms: number): Promise<string> {
  const child = spawn(process.execPath, [BIN, 'start'], { env });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  await new Promise((resolve) => setTimeout(resolve, ms));
  await killed(child, 'SIGKILL');
  return out;
}

function killed(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill(signal);
  });
}
