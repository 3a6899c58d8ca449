/**
 * A stacked bar chart drawn on the server as SVG, with the same numbers in a table beside it
 * (issue 17.5): the picture is for a glance, the table is what a screen reader reads (the SVG is
 * hidden from it) and what anyone can copy. No client chart library, nothing to hydrate.
 */
export interface BarSeries {
  key: string;
  label: string;
  values: number[];
}

/** Colour-blind-safe (Okabe-Ito); each series also has its own row in the legend and the table. */
const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 40, left: 36 };

function niceMax(value: number): number {
  if (value <= 5) return 5;
  const step = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / step) * step;
}

export function BarChart({
  id,
  title,
  categories,
  series,
  categoryHeader,
  marker,
}: {
  id: string;
  title: string;
  categories: string[];
  series: BarSeries[];
  categoryHeader: string;
  /** A vertical line after the category at this index (e.g. the 45-day limit). */
  marker?: { after: number; label: string };
}) {
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const band = plotWidth / Math.max(1, categories.length);
  const barWidth = Math.max(2, band * 0.7);
  const y = (v: number) => PAD.top + plotHeight - (v / max) * plotHeight;
  // Label at most ~12 categories on the axis; the table has them all.
  const every = Math.ceil(categories.length / 12);
  const titleId = `${id}-title`;
  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption id={titleId}>{title}</figcaption>
      <div className="chart-body">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="chart-svg" aria-hidden="true" focusable="false">
          {[0, 0.5, 1].map((f) => (
            <g key={f}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(max * f)} y2={y(max * f)} className="chart-grid" />
              <text x={PAD.left - 4} y={y(max * f) + 4} textAnchor="end" className="chart-axis">
                {Math.round(max * f)}
              </text>
            </g>
          ))}
          {categories.map((category, i) => {
            let base = 0;
            const x = PAD.left + i * band + (band - barWidth) / 2;
            return (
              <g key={category}>
                {series.map((s, si) => {
                  const value = s.values[i] ?? 0;
                  if (value === 0) return null;
                  const top = y(base + value);
                  const rect = <rect key={s.key} x={x} y={top} width={barWidth} height={y(base) - top} fill={COLOURS[si % COLOURS.length]} />;
                  base += value;
                  return rect;
                })}
                {i % every === 0 ? (
                  <text x={x + barWidth / 2} y={HEIGHT - PAD.bottom + 14} textAnchor="middle" className="chart-axis">
                    {category}
                  </text>
                ) : null}
              </g>
            );
          })}
          {marker ? (
            <g>
              <line x1={PAD.left + (marker.after + 1) * band} x2={PAD.left + (marker.after + 1) * band} y1={PAD.top} y2={PAD.top + plotHeight} className="chart-marker" />
              <text x={PAD.left + (marker.after + 1) * band + 4} y={PAD.top + 10} className="chart-axis">
                {marker.label}
              </text>
            </g>
          ) : null}
        </svg>
        {series.length > 1 ? (
          <ul className="chart-legend" aria-hidden="true">
            {series.map((s, si) => (
              <li key={s.key}>
                <span className="chart-swatch" style={{ background: COLOURS[si % COLOURS.length] }} />
                {s.label}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {/* Scrolls when long (52 weeks): focusable, so keyboard users can scroll it too (WCAG 2.1.1). */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`${title}: the numbers`}>
        <table className="ops-table chart-table">
          <caption className="visually-hidden">{title}: the numbers</caption>
          <thead>
            <tr>
              <th scope="col">{categoryHeader}</th>
              {series.map((s) => (
                <th key={s.key} scope="col" className="number">
                  {s.label}
                </th>
              ))}
              {series.length > 1 ? (
                <th scope="col" className="number">
                  Total
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {categories.map((category, i) => (
              <tr key={category}>
                <th scope="row">{category}</th>
                {series.map((s) => (
                  <td key={s.key} className="number">
                    {s.values[i] ?? 0}
                  </td>
                ))}
                {series.length > 1 ? <td className="number">{totals[i]}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
