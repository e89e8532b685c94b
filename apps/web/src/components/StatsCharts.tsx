import { useI18n } from '../i18n.ts';
import { formatNumber } from '../format.ts';

/**
 * Small charts drawn with plain HTML and SVG: every bar carries its number as text, so the figures
 * are readable by screen readers and in high-contrast mode without a chart library.
 */
export function RateBars({ title, rows }: { title: string; rows: { key: string; label: string; rate: number | null }[] }) {
  const { t, lang, dataLang } = useI18n();
  const sorted = [...rows].sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1));
  return (
    <figure className="stats-chart">
      <figcaption>
        <h2>{title}</h2>
      </figcaption>
      <ul className="rate-bars">
        {sorted.map((r) => (
          <li key={r.key}>
            <span className="rate-label" lang={dataLang}>
              {r.label}
            </span>
            <span className="rate-track" aria-hidden>
              <span className="rate-fill" style={{ width: `${Math.round((r.rate ?? 0) * 100)}%` }} />
            </span>
            <span className="rate-value">{r.rate === null ? t('stats.noRate') : `${formatNumber(r.rate * 100, lang)} %`}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

export function TrendChart({ months }: { months: { month: string; received: number; resolved: number }[] }) {
  const { t, lang } = useI18n();
  const max = Math.max(1, ...months.flatMap((m) => [m.received, m.resolved]));
  const w = 28;
  const h = 140;
  const width = Math.max(280, months.length * w + 20);
  return (
    <figure className="stats-chart">
      <figcaption>
        <h2>{t('stats.chart.trend')}</h2>
        <p className="muted-note">{t('stats.chart.trendSummary')}</p>
      </figcaption>
      <div className="trend-scroll">
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
    </figure>
  );
}
