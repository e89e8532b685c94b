import { useId, type ReactNode } from 'react';
import { useI18n } from '../i18n.ts';
import { formatNumber } from '../format.ts';

/**
 * Small charts drawn with plain HTML and SVG: every bar carries its number as text, so the figures
 * are readable by screen readers and in high-contrast mode without a chart library. Each chart is a
 * <figure> named by its heading, with a one-line text summary and, on demand, the same figures as a
 * data table (WCAG 1.1.1: a text alternative that carries the data, not only a title).
 */

interface TableColumn {
  header: string;
}

function ChartFigure({ title, summary, table, children }: { title: string; summary?: string; table: { columns: TableColumn[]; rows: { key: string; cells: ReactNode[] }[] }; children: ReactNode }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <figure className="stats-chart" aria-labelledby={`${id}-h`} aria-describedby={summary ? `${id}-s` : undefined}>
      <figcaption>
        <h2 id={`${id}-h`}>{title}</h2>
        {summary ? (
          <p id={`${id}-s`} className="muted-note">
            {summary}
          </p>
        ) : null}
      </figcaption>
      {children}
      <details className="chart-data">
        <summary>{t('charts.showTable')}</summary>
        <div className="stats-table-wrap">
          <table className="stats-table">
            <caption className="visually-hidden">{t('charts.tableOf', { chart: title })}</caption>
            <thead>
              <tr>
                {table.columns.map((c, i) => (
                  <th key={i} scope="col">
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.key}>
                  {r.cells.map((c, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {c}
                      </th>
                    ) : (
                      <td key={i}>{c}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

export function RateBars({ title, rows }: { title: string; rows: { key: string; label: string; rate: number | null }[] }) {
  const { t, lang, dataLang } = useI18n();
  const sorted = [...rows].sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1));
  const written = (rate: number | null) => (rate === null ? t('stats.noRate') : `${formatNumber(rate * 100, lang)} %`);
  return (
    <ChartFigure
      title={title}
      table={{
        columns: [{ header: t('charts.row') }, { header: t('stats.col.onTimeRate') }],
        rows: sorted.map((r) => ({ key: r.key, cells: [<span lang={dataLang}>{r.label}</span>, written(r.rate)] })),
      }}
    >
      {sorted.length === 0 ? (
        <p>{t('charts.empty')}</p>
      ) : (
        <ul className="rate-bars">
          {sorted.map((r) => (
            <li key={r.key}>
              <span className="rate-label" lang={dataLang}>
                {r.label}
              </span>
              <span className="rate-track" aria-hidden>
                <span className="rate-fill" style={{ width: `${Math.round((r.rate ?? 0) * 100)}%` }} />
              </span>
              <span className="rate-value">{written(r.rate)}</span>
            </li>
          ))}
        </ul>
      )}
    </ChartFigure>
  );
}

/** Horizontal bars of counts, each with its written value (and its share of the whole when asked). */
export function CountBars({ title, summary, rows, share = false, empty }: { title: string; summary?: string; rows: { key: string; label: string; value: number; dataLabel?: boolean }[]; share?: boolean; empty?: string }) {
  const { t, lang, dataLang } = useI18n();
  const max = Math.max(1, ...rows.map((r) => r.value));
  const total = rows.reduce((s, r) => s + r.value, 0);
  const pct = (v: number) => (total ? `${formatNumber((v / total) * 100, lang)} %` : '–');
  const written = (v: number) => (share ? `${formatNumber(v, lang)} (${pct(v)})` : formatNumber(v, lang));
  return (
    <ChartFigure
      title={title}
      summary={summary}
      table={{
        columns: [{ header: t('charts.row') }, { header: t('charts.count') }, ...(share ? [{ header: t('charts.share') }] : [])],
        rows: rows.map((r) => ({ key: r.key, cells: [<span lang={r.dataLabel ? dataLang : undefined}>{r.label}</span>, formatNumber(r.value, lang), ...(share ? [pct(r.value)] : [])] })),
      }}
    >
      {rows.length === 0 ? (
        <p>{empty ?? t('charts.empty')}</p>
      ) : (
        <ul className="rate-bars count-bars">
          {rows.map((r) => (
            <li key={r.key}>
              <span className="rate-label" lang={r.dataLabel ? dataLang : undefined}>
                {r.label}
              </span>
              <span className="rate-track" aria-hidden>
                <span className="rate-fill" style={{ width: `${Math.round((r.value / max) * 100)}%` }} />
              </span>
              <span className="rate-value">{written(r.value)}</span>
            </li>
          ))}
        </ul>
      )}
    </ChartFigure>
  );
}

/** Channel mix of the dossiers received in the period: one 100 % strip plus written values and shares. */
export function ChannelMix({ rows }: { rows: { channel: string; received: number }[] }) {
  const { t, lang } = useI18n();
  const total = rows.reduce((s, r) => s + r.received, 0);
  const label = (c: string) => t(`stats.channel.${c}` as 'stats.channel.direct');
  const pct = (v: number) => (total ? `${formatNumber((v / total) * 100, lang)} %` : '–');
  const summary = total
    ? t('charts.channelSummary', { total: formatNumber(total, lang), parts: rows.map((r) => `${label(r.channel)} ${formatNumber(r.received, lang)} (${pct(r.received)})`).join('; ') })
    : t('charts.empty');
  return (
    <ChartFigure
      title={t('charts.channelMix')}
      summary={summary}
      table={{
        columns: [{ header: t('stats.group.channel') }, { header: t('stats.col.new') }, { header: t('charts.share') }],
        rows: rows.map((r) => ({ key: r.channel, cells: [label(r.channel), formatNumber(r.received, lang), pct(r.received)] })),
      }}
    >
      {total ? (
        <>
          <div className="channel-strip" aria-hidden>
            {rows
              .filter((r) => r.received > 0)
              .map((r) => (
                <span key={r.channel} className={`channel-part channel-${r.channel}`} style={{ flexGrow: r.received }} />
              ))}
          </div>
          <ul className="channel-legend">
            {rows.map((r) => (
              <li key={r.channel}>
                <span className={`swatch channel-${r.channel}`} aria-hidden /> {label(r.channel)}: <strong>{formatNumber(r.received, lang)}</strong> ({pct(r.received)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </ChartFigure>
  );
}

export function TrendChart({ months }: { months: { month: string; received: number; resolved: number; onTimeRate?: number | null }[] }) {
  const { t, lang } = useI18n();
  const max = Math.max(1, ...months.flatMap((m) => [m.received, m.resolved]));
  const w = 28;
  const h = 140;
  const width = Math.max(280, months.length * w + 20);
  return (
    <ChartFigure
      title={t('stats.chart.trend')}
      summary={t('stats.chart.trendSummary')}
      table={{
        columns: [{ header: t('charts.month') }, { header: t('stats.col.new') }, { header: t('stats.col.resolved') }, { header: t('stats.col.onTimeRate') }],
        rows: months.map((m) => ({
          key: m.month,
          cells: [m.month, formatNumber(m.received, lang), formatNumber(m.resolved, lang), m.onTimeRate === undefined || m.onTimeRate === null ? '–' : `${formatNumber(m.onTimeRate * 100, lang)} %`],
        })),
      }}
    >
      {/* Scrolls sideways on a phone: focusable so the keyboard can scroll it too. */}
      <div className="trend-scroll" tabIndex={0} role="region" aria-label={t('stats.chart.trend')}>
        <svg width={width} height={h + 30} role="img" aria-label={t('stats.chart.trendSummary')}>
          {months.map((m, i) => {
            const x = 10 + i * w;
            const hr = (m.received / max) * h;
            const hs = (m.resolved / max) * h;
            return (
              <g key={m.month}>
                <rect x={x} y={h - hr} width={11} height={hr} className="trend-received">
                  <title>{`${m.month} — ${t('stats.col.new')}: ${formatNumber(m.received, lang)}`}</title>
                </rect>
                <rect x={x + 12} y={h - hs} width={11} height={hs} className="trend-resolved">
                  <title>{`${m.month} — ${t('stats.col.resolved')}: ${formatNumber(m.resolved, lang)}`}</title>
                </rect>
                {months.length <= 24 || i % 3 === 0 ? (
                  <text x={x} y={h + 14} fontSize="10">
                    {m.month.slice(2)}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      </div>
      <p className="trend-legend">
        <span className="swatch trend-received" aria-hidden /> {t('stats.col.new')} <span className="swatch trend-resolved" aria-hidden /> {t('stats.col.resolved')}
      </p>
    </ChartFigure>
  );
}
