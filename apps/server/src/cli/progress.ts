/** Progress of long work on stderr: a redrawn bar on a terminal, a line per 10% otherwise. */
export function progressReporter(label: string): (done: number, total: number) => void {
  let lastDecile = -1;
  const tty = process.stderr.isTTY;
  return (done, total) => {
    const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
    if (tty) {
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${pct}% (${done}/${total})`);
      if (done >= total) process.stderr.write('\n');
      return;
    }
    const decile = Math.floor(pct / 10);
    if (decile !== lastDecile) {
      lastDecile = decile;
      process.stderr.write(`${label}: ${pct}% (${done}/${total})\n`);
    }
  };
}
