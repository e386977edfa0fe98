/** `file line:col severity rule` for every problem the reporter printed, in the order printed. */
export function problemLines(stderr: string): string[] {
  const out: string[] = [];
  let file = '';
  for (const l of stderr.split('\n')) {
    if (/^content\//.test(l)) file = l.trim();
    const m = /^\s+(\d+):(\d+)\s+(error|warning)\s+.*?\s{2}(\S+)$/.exec(l);
    if (m) out.push(`${file} ${m[1]}:${m[2]} ${m[3]} ${m[4]}`);
  }
  return out;
}
