/*
 * Small charts drawn with plain elements: each bar's number is text beside it, so the chart reads the
 * same to a screen reader as it looks.
 */
export interface Bar {
  label: string;
  value: number;
  /** Extra class for colouring the bar, e.g. a band. */
  tone?: string;
}

export function BarChart({ bars, max, caption }: { bars: readonly Bar[]; max: number; caption: string }) {
  return (
    <figure className="bar-chart">
      <figcaption>{caption}</figcaption>
      <ul>
        {bars.map((bar) => (
          <li key={bar.label}>
            <span className="bar-label">{bar.label}</span>
            <span className="bar-track" aria-hidden="true">
              <span
                className={`bar ${bar.tone ?? ''}`}
                style={{ width: `${max === 0 ? 0 : Math.round((bar.value / max) * 100)}%` }}
              />
            </span>
            <span className="bar-value">{bar.value}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** A line of totals (0 to 100) over attempts, oldest first. */
export function Sparkline({ values, label }: { values: readonly number[]; label: string }) {
  const width = 96;
  const height = 24;
  const inset = 3;
  const step = values.length > 1 ? (width - 2 * inset) / (values.length - 1) : 0;
  const y = (value: number) => (height - inset - (value / 100) * (height - 2 * inset)).toFixed(1);
  const points = values.map((value, index) => `${(inset + index * step).toFixed(1)},${y(value)}`).join(' ');
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      {values.length > 1 ? (
        <polyline points={points} fill="none" stroke="currentColor" strokeWidth="2" />
      ) : (
        <circle cx={width / 2} cy={y(values[0] ?? 0)} r="3" fill="currentColor" />
      )}
    </svg>
  );
}
