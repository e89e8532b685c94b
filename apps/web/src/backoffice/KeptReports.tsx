import { useState } from 'react';
import { Pagination } from 'antd';
import type { KeptReportItem, KeptReportList } from '@motcua/domain/statistics/periodic.ts';
import { api, enc } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { formatDate, formatDateTime, formatNumber, addDays } from '../format.ts';
import { Loading, LoadError } from '../components/status.tsx';

const PAGE_SIZE = 20;

/** "Quý 3 năm 2026", "6 tháng đầu năm 2026", "Năm 2026" for a period key. */
export function periodName(key: string, t: (k: MessageKey, p?: Record<string, string | number>) => string): string {
  const [year, part] = key.split('-');
  if (!part) return t('reports.period.year', { year: year! });
  if (part.startsWith('Q')) return t('reports.period.quarter', { n: part.slice(1), year: year! });
  return t(part === 'H1' ? 'reports.period.half1' : 'reports.period.half2', { year: year! });
}

/**
 * The kept periodic reports of the caller's scope (quarter, 6 months, year), newest first, each
 * with its Excel and PDF copies as they were made when the period closed.
 */
export default function KeptReports() {
  const { t, lang, dataLang } = useI18n();
  const [page, setPage] = useState(1);
  const list = useLoad((signal) => api.get<KeptReportList>('/api/v1/statistics/reports', { page, pageSize: PAGE_SIZE }, { signal }), [page]);
  const pct = (r: number | null) => (r === null ? '–' : `${formatNumber(r * 100, lang)} %`);
  const files = (r: KeptReportItem) =>
    (['xlsx', 'pdf'] as const).map((f, i) => (
      <span key={f}>
        {i ? ' · ' : null}
        <a href={`/api/v1/statistics/reports/${enc(r.id)}/${f}`} download aria-label={t('reports.download', { format: t(`reports.${f}`), period: periodName(r.key, t), scope: r.scopeName })}>
          {t(`reports.${f}`)}
        </a>
      </span>
    ));
  return (
    <section className="kept-reports" aria-labelledby="kept-reports-h">
      <h2 id="kept-reports-h">{t('reports.title')}</h2>
      <p>{t('reports.intro')}</p>
      {list.loading && !list.data ? <Loading /> : null}
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.data && list.data.total === 0 ? <p>{t('reports.empty')}</p> : null}
      {list.data && list.data.total > 0 ? (
        <>
          <div className="stats-table-wrap" tabIndex={0} role="region" aria-labelledby="kept-reports-h">
            <table className="stats-table">
              <caption className="visually-hidden">{t('reports.table')}</caption>
              <thead>
                <tr>
                  {(['period', 'scope', 'dates', 'received', 'resolved', 'onTimeRate', 'generatedAt', 'files'] as const).map((c) => (
                    <th key={c} scope="col">
                      {t(`reports.col.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{periodName(r.key, t)}</th>
                    <td className="label" lang={dataLang}>
                      {r.scopeName}
                    </td>
                    <td className="label">
                      {formatDate(r.from)} – {formatDate(addDays(r.to, -1))}
                    </td>
                    <td>{formatNumber(r.received, lang)}</td>
                    <td>{formatNumber(r.resolved, lang)}</td>
                    <td>{pct(r.onTimeRate)}</td>
                    <td className="label">{formatDateTime(r.generatedAt, lang)}</td>
                    <td className="label">{files(r)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.data.total > PAGE_SIZE ? <Pagination current={page} pageSize={PAGE_SIZE} total={list.data.total} showSizeChanger={false} onChange={setPage} /> : null}
        </>
      ) : null}
    </section>
  );
}
