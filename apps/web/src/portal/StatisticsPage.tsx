import { Select } from 'antd';
import { useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { formatDate, formatNumber, todayVn } from '../format.ts';
import { Loading, LoadError } from '../components/status.tsx';
import { RateBars } from '../components/StatsCharts.tsx';
import PublicSatisfactionApologies from './PublicSatisfactionApologies.tsx';
import PublicEvaluation from './PublicEvaluation.tsx';

interface PublicFigures {
  received: number;
  resolved: number;
  early: number;
  onTime: number;
  late: number;
  inProgress: number;
  overdue: number;
  resolutionRate: number | null;
  onTimeRate: number | null;
}
interface PublicStatistics {
  year: number;
  from: string;
  to: string;
  province: PublicFigures;
  agencies: { code: string; name: string; figures: PublicFigures }[];
  onlineServices: {
    procedureCode: string;
    procedureName: string;
    onlineReceived: number;
    onlineResolved: number;
    onlineOnTimeRate: number | null;
    totalReceived: number;
    /** null: fewer than MIN_RATINGS ratings, not published on its own */
    satisfaction: { ratings: number; criteria: { criterion: Criterion; satisfiedRate: number | null }[] } | null;
  }[];
}
type Criterion = 'overall' | 'convenience' | 'timeliness' | 'attitude';
const CRITERIA: Criterion[] = ['overall', 'convenience', 'timeliness', 'attitude'];
/** Mirrors MIN_PUBLIC_RATINGS of the server (packages/domain statistics schemas). */
const MIN_RATINGS = 5;

const FIGURES = ['received', 'resolved', 'early', 'onTime', 'late', 'inProgress', 'overdue', 'resolutionRate', 'onTimeRate'] as const;

/** The portal's public figures since 1 January [002 Art. 11; TT 32/2017 Art. 11.3]: counts and rates, never a dossier or a person. */
export default function StatisticsPage() {
  const { t, lang, dataLang } = useI18n();
  useDocumentTitle(t('pubstats.title'));
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayVn().slice(0, 4));
  const year = Number(params.get('nam') ?? thisYear);
  const data = useLoad((signal) => api.get<PublicStatistics>('/api/v1/public/statistics', { year }, { signal }), [year]);
  const pct = (r: number | null) => (r === null ? '–' : `${formatNumber(r * 100, lang)} %`);
  const val = (f: PublicFigures, k: (typeof FIGURES)[number]) => (k.endsWith('Rate') ? pct(f[k] as number | null) : formatNumber(f[k] as number, lang));
  return (
    <section aria-labelledby="pubstats-h" className="page">
      <h1 id="pubstats-h">{t('pubstats.title')}</h1>
      <p>{t('pubstats.intro')}</p>
      <label className="stats-filters">
        {t('pubstats.year')}
        <Select
          style={{ width: 120 }}
          value={year}
          onChange={(v) => setParams({ nam: String(v) })}
          options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: String(y) }))}
        />
      </label>
      {data.loading && !data.data ? <Loading /> : null}
      {data.error ? <LoadError error={data.error} onRetry={data.reload} /> : null}
      {data.data ? (
        <>
          <p>{t('pubstats.period', { from: formatDate(data.data.from), to: formatDate(data.data.to) })}</p>
          <h2>{t('pubstats.province')}</h2>
          <dl className="stats-figures">
            {FIGURES.map((k) => (
              <div key={k}>
                <dt>{t(`stats.col.${k}`)}</dt>
                <dd>{val(data.data!.province, k)}</dd>
              </div>
            ))}
          </dl>
          <div className="stats-charts">
            <RateBars title={t('stats.chart.onTime', { group: t('stats.group.agency') })} rows={data.data.agencies.map((a) => ({ key: a.code, label: a.name, rate: a.figures.onTimeRate }))} />
          </div>
          <h2 id="pub-agencies">{t('pubstats.agencies')}</h2>
          <div className="stats-table-wrap" tabIndex={0} role="region" aria-labelledby="pub-agencies">
            <table className="stats-table">
              <thead>
                <tr>
                  <th scope="col">{t('pubstats.agency')}</th>
                  {FIGURES.map((k) => (
                    <th key={k} scope="col">
                      {t(`stats.col.${k}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.data.agencies.map((a) => (
                  <tr key={a.code}>
                    <th scope="row" lang={dataLang}>
                      {a.name}
                    </th>
                    {FIGURES.map((k) => (
                      <td key={k}>{val(a.figures, k)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2 id="pub-online">{t('pubstats.online')}</h2>
          <div className="stats-table-wrap" tabIndex={0} role="region" aria-labelledby="pub-online">
            <table className="stats-table">
              <thead>
                <tr>
                  <th scope="col">{t('pubstats.service')}</th>
                  <th scope="col">{t('pubstats.onlineReceived')}</th>
                  <th scope="col">{t('pubstats.onlineResolved')}</th>
                  <th scope="col">{t('pubstats.onlineOnTime')}</th>
                  <th scope="col">{t('pubstats.totalReceived')}</th>
                  <th scope="col">{t('pubstats.serviceRatings')}</th>
                  {CRITERIA.map((c) => (
                    <th key={c} scope="col">
                      {t('pubstats.serviceCriterion', { criterion: t(`pubstats.criterion.${c}`) })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.data.onlineServices.map((s) => (
                  <tr key={s.procedureCode}>
                    <th scope="row" lang={dataLang}>
                      {s.procedureName}
                    </th>
                    <td>{formatNumber(s.onlineReceived, lang)}</td>
                    <td>{formatNumber(s.onlineResolved, lang)}</td>
                    <td>{pct(s.onlineOnTimeRate)}</td>
                    <td>{formatNumber(s.totalReceived, lang)}</td>
                    <td>{s.satisfaction ? formatNumber(s.satisfaction.ratings, lang) : t('pubstats.tooFewRatings', { min: String(MIN_RATINGS) })}</td>
                    {CRITERIA.map((c) => (
                      <td key={c}>{pct(s.satisfaction?.criteria.find((x) => x.criterion === c)?.satisfiedRate ?? null)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted-note">{t('pubstats.onlineSatisfactionNote', { min: String(MIN_RATINGS) })}</p>
        </>
      ) : null}
      <PublicSatisfactionApologies year={year} />
      <PublicEvaluation year={year} />
    </section>
  );
}
