import { useEffect, useState } from 'react';
import { Select } from 'antd';
import type { PublicEvaluationReport } from '@motcua/domain/evaluation/schemas.ts';
import { api } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { formatDateTime, formatNumber, todayVn } from '../format.ts';
import { Loading, LoadError } from '../components/status.tsx';

/**
 * The evaluation results published on the portal [TT 01/2018 Art. 15; SPEC §13]: each agency's
 * score on the nine indices (out of 18) and class, and its Decision 766 service index, for a
 * quarter or the whole year. Agencies only: no officer, no respondent.
 */
export default function PublicEvaluation({ year }: { year: number }) {
  const { t, lang, dataLang } = useI18n();
  const today = todayVn();
  // Quarters of the year that have begun (a future quarter has nothing to show).
  const started = [1, 2, 3, 4].filter((q) => `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01` <= today);
  const [period, setPeriod] = useState(String(year));
  useEffect(() => setPeriod(String(year)), [year]);
  const rep = useLoad((signal) => api.get<PublicEvaluationReport>('/api/v1/public/evaluation', { period }, { signal }), [period]);
  const options = [{ value: String(year), label: t('pubeval.wholeYear', { year }) }, ...started.map((q) => ({ value: `${year}-Q${q}`, label: t('pubeval.quarter', { n: q, year }) }))];
  const periodLabel = options.find((o) => o.value === period)?.label ?? period;
  const points = (tenths: number | null) => (tenths === null ? <abbr title={t('pubeval.noData')}>–</abbr> : formatNumber(tenths / 10, lang));
  return (
    <>
      <h2 id="pub-evaluation">{t('pubeval.title')}</h2>
      <p>{t('pubeval.intro')}</p>
      <label className="stats-filters">
        {t('pubeval.period')}
        <Select style={{ minWidth: 180 }} value={period} onChange={setPeriod} options={options} />
      </label>
      {rep.loading && !rep.data ? <Loading /> : null}
      {rep.error ? <LoadError error={rep.error} onRetry={rep.reload} /> : null}
      {rep.data ? (
        <>
          <p>{t('pubeval.asOf', { at: formatDateTime(rep.data.asOf, lang) })}</p>
          {rep.data.agencies.length === 0 ? (
            <p>{t('pubeval.empty')}</p>
          ) : (
            <div className="stats-table-wrap" tabIndex={0} role="region" aria-label={t('pubeval.table', { period: periodLabel })}>
              <table className="stats-table">
                <caption className="visually-hidden">{t('pubeval.table', { period: periodLabel })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('pubeval.agency')}</th>
                    <th scope="col">{t('pubeval.dossiers')}</th>
                    <th scope="col">{t('pubeval.total')}</th>
                    <th scope="col">{t('pubeval.class')}</th>
                    <th scope="col">{t('pubeval.service')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rep.data.agencies.map((a) => (
                    <tr key={a.agencyCode}>
                      <th scope="row" lang={dataLang}>
                        {a.agencyName}
                      </th>
                      <td>{formatNumber(a.score.dossiers, lang)}</td>
                      <td>{points(a.score.total)}</td>
                      <td className="label">{a.score.class ? t(`ev.class.${a.score.class}` as MessageKey) : t('pubeval.noData')}</td>
                      <td>{points(a.serviceIndex.normalisedTenths)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </>
  );
}
