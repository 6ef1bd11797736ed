/** The one table `npm run bench` prints: absolute numbers and each row's ratio to the bare route. */
export interface Row {
  name: string;
  what: string;
  skipped?: string;
  rps?: number;
  p50?: number;
  p99?: number;
  total?: number;
  errors?: number;
  non2xx?: number;
  statuses?: Record<string, number>;
  /** workerd CPU (user + system) per request, local: includes SQLite work D1 does elsewhere in production. */
  cpuMsPerRequest?: number;
  note?: string;
  /** The bare-route row this row's ratios are against ('bare route' when absent). */
  baseline?: string;
}

const fmt = (n: number | undefined, digits = 0) =>
  n === undefined || !Number.isFinite(n)
    ? '—'
    : n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function printTable(rows: Row[], settings: { connections: number; duration: number }): void {
  const header = [
    'scenario',
    'req/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'non-2xx',
    'req/s ÷ bare',
    'p99 ÷ bare',
    'CPU ms/req',
    'note',
  ];
  const body = rows.map((r) => {
    const bare = rows.find((b) => b.name === (r.baseline ?? 'bare route') && !b.skipped);
    if (r.skipped) return [r.name, '—', '—', '—', '—', '—', '—', '—', '—', `skipped: ${r.skipped}`];
    const non2xx = r.non2xx
      ? `${fmt(r.non2xx)} (${Object.entries(r.statuses ?? {})
          .filter(([s]) => !s.startsWith('2'))
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')})`
      : '0';
    return [
      r.name,
      fmt(r.rps),
      fmt(r.p50),
      fmt(r.p99),
      fmt(r.errors),
      non2xx,
      bare?.rps && r.rps !== undefined ? fmt(r.rps / bare.rps, 2) : '—',
      bare?.p99 && r.p99 !== undefined ? fmt(r.p99 / bare.p99, 1) : '—',
      fmt(r.cpuMsPerRequest, 2),
      r.note ?? '',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  console.log(
    `\n${settings.connections} connections, ${settings.duration} s per scenario, loopback, one local workerd (wrangler dev)\n`,
  );
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const b of body) console.log(line(b));
}
