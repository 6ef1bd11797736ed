/** Server-rendered SVG charts: no script, readable by screen readers through <title> and a table fallback. */
import { useAdmin } from './i18n';

export interface Bar {
  label: string;
  value: number;
  /** Shown after the bar; defaults to the value. */
  text?: string;
}

export function BarChart(props: { title: string; bars: Bar[]; width?: number; color?: string }) {
  const width = props.width ?? 520;
  const labelW = 170;
  const rowH = 22;
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const height = Math.max(rowH, props.bars.length * rowH) + 6;
  const plot = width - labelW - 110;
  const { t } = useAdmin();
  return (
    <svg
      role="img"
      aria-label={props.title}
      width="100%"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="xMinYMin meet"
    >
      <title>{props.title}</title>
      {props.bars.length === 0 ? (
        <text x="4" y="15">
          {t('charts.noData')}
        </text>
      ) : null}
      {props.bars.map((b, i) => {
        const y = 3 + i * rowH;
        const w = Math.max(1, Math.round((b.value / max) * plot));
        return (
          <g>
            <text x={labelW - 6} y={y + 14} text-anchor="end">
              {b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label}
            </text>
            <rect x={labelW} y={y + 3} width={w} height={rowH - 7} fill={props.color ?? '#3b82f6'} rx="2" />
            <text x={labelW + w + 4} y={y + 14}>
              {b.text ?? String(b.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface Series {
  name: string;
  color: string;
  points: Array<{ x: number; y: number | null }>;
}

/** A line chart over a fixed y range (e.g. CSAT % 0–100, NPS −100–100). */
export function LineChart(props: {
  title: string;
  series: Series[];
  yMin: number;
  yMax: number;
  xLabels: string[];
  width?: number;
}) {
  const width = props.width ?? 520;
  const height = 180;
  const left = 36;
  const bottom = 22;
  const n = Math.max(1, props.xLabels.length - 1);
  const x = (i: number) => left + (i / n) * (width - left - 10);
  const y = (v: number) => 8 + (1 - (v - props.yMin) / (props.yMax - props.yMin)) * (height - bottom - 8);
  const ticks = [props.yMin, (props.yMin + props.yMax) / 2, props.yMax];
  return (
    <svg
      role="img"
      aria-label={props.title}
      width="100%"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="xMinYMin meet"
    >
      <title>{props.title}</title>
      {ticks.map((t) => (
        <g>
          <line x1={left} x2={width - 10} y1={y(t)} y2={y(t)} stroke="#e5e7eb" />
          <text x={left - 4} y={y(t) + 4} text-anchor="end">
            {String(t)}
          </text>
        </g>
      ))}
      {props.xLabels.map((l, i) =>
        i % Math.ceil(props.xLabels.length / 8) === 0 ? (
          <text x={x(i)} y={height - 6} text-anchor="middle">
            {l}
          </text>
        ) : null,
      )}
      {props.series.map((s) => {
        const pts = s.points.filter((p) => p.y !== null).map((p) => `${x(p.x).toFixed(1)},${y(p.y!).toFixed(1)}`);
        return (
          <g>
            {pts.length > 1 ? <polyline points={pts.join(' ')} fill="none" stroke={s.color} stroke-width="2" /> : null}
            {pts.map((p) => {
              const [cx, cy] = p.split(',');
              return <circle cx={cx} cy={cy} r="3" fill={s.color} />;
            })}
          </g>
        );
      })}
      {props.series.map((s, i) => (
        <text x={left + 8 + i * 90} y="14" fill={s.color}>
          {`● ${s.name}`}
        </text>
      ))}
    </svg>
  );
}

/** A ring showing one share (SLA compliance). */
export function Ring(props: { title: string; share: number | null }) {
  const r = 36;
  const c = 2 * Math.PI * r;
  const share = props.share ?? 0;
  const { percent, t } = useAdmin();
  return (
    <svg role="img" aria-label={props.title} width="96" height="96" viewBox="0 0 96 96">
      <title>{props.title}</title>
      <circle cx="48" cy="48" r={r} fill="none" stroke="#e5e7eb" stroke-width="10" />
      <circle
        cx="48"
        cy="48"
        r={r}
        fill="none"
        stroke={share >= 0.9 ? '#16a34a' : share >= 0.75 ? '#d97706' : '#dc2626'}
        stroke-width="10"
        stroke-dasharray={`${(share * c).toFixed(1)} ${c.toFixed(1)}`}
        transform="rotate(-90 48 48)"
      />
      <text x="48" y="53" text-anchor="middle" style="font-size:15px;font-weight:600">
        {props.share === null ? t('common.none') : percent(share, 0)}
      </text>
    </svg>
  );
}
