/** One structured JSON line per request and per job: shop, case, duration, outcome. */
export interface LogLine {
  kind: 'request' | 'job' | 'event' | 'alarm' | 'cron' | 'mail';
  outcome: 'ok' | 'error' | 'retry' | 'duplicate' | 'rejected';
  durationMs: number;
  [key: string]: unknown;
}

export function log(line: LogLine): void {
  console.log(JSON.stringify({ at: new Date().toISOString(), ...line }));
}
