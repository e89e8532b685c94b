import { api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { formatDate, formatNumber } from '../format.ts';
import { Loading, LoadError } from '../components/status.tsx';

type Criterion = 'overall' | 'convenience' | 'timeliness' | 'attitude';
interface PublicSatisfaction {
  year: number;
  ratings: number;
  criteria: { criterion: Criterion; verySatisfied: number; satisfied: number; notSatisfied: number; satisfiedRate: number | null }[];
  agencies: { code: string; name: string; ratings: number; criteria: { criterion: Criterion; satisfiedRate: number | null }[] }[];
}
interface PublicApologies {
  year: number;
  total: number;
  items: { agencyCode: string; agencyName: string; procedureCode: string; procedureName: string; dossierCode: string | null; apologizedOn: string; newAppointment: string | null }[];
}
/** Mirrors MIN_PUBLIC_RATINGS of the server (packages/domain statistics schemas). */
const MIN_RATINGS = 5;

/** Beside the figures [002 Art. 11, 12]: satisfaction per criterion (aggregates only) and the published apology letters (no personal data). */
export default function PublicSatisfactionApologies({ year }: { year: number }) {
  const { t, lang, dataLang } = useI18n();
  const sat = useLoad((signal) => api.get<PublicSatisfaction>('/api/v1/public/satisfaction', { year }, { signal }), [year]);
  const apo = useLoad((signal) => api.get<PublicApologies>('/api/v1/public/apologies', { year, pageSize: 100 }, { signal }), [year]);
  const pct = (r: number | null) => (r === null ? '–' : `${formatNumber(r * 100, lang)} %`);
  const criteria = sat.data?.criteria.map((c) => c.criterion) ?? [];
  return (
    <>
      <h2 id="pub-satisfaction">{t('pubstats.satisfaction')}</h2>
      {sat.loading && !sat.data ? <Loading /> : null}
      {sat.error ? <LoadError error={sat.error} onRetry={sat.reload} /> : null}
      {sat.data ? (
        <>
          <p>{t('pubstats.satisfactionIntro', { n: formatNumber(sat.data.ratings, lang), min: String(MIN_RATINGS) })}</p>
          <div className="stats-table-wrap" tabIndex={0} role="region" aria-labelledby="pub-satisfaction">
            <table className="stats-table">
              <thead>
                <tr>
                  <th scope="col">{t('pubstats.criterion')}</th>
                  <th scope="col">{t('pubstats.verySatisfied')}</th>
                  <th scope="col">{t('pubstats.satisfied')}</th>
                  <th scope="col">{t('pubstats.notSatisfied')}</th>
                  <th scope="col">{t('pubstats.satisfiedRate')}</th>
                </tr>
              </thead>
              <tbody>
                {sat.data.criteria.map((c) => (
                  <tr key={c.criterion}>
                    <th scope="row">{t(`pubstats.criterion.${c.criterion}`)}</th>
                    <td>{formatNumber(c.verySatisfied, lang)}</td>
                    <td>{formatNumber(c.satisfied, lang)}</td>
                    <td>{formatNumber(c.notSatisfied, lang)}</td>
                    <td>{pct(c.satisfiedRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {sat.data.agencies.length ? (
            <div className="stats-table-wrap" tabIndex={0} role="region" aria-label={`${t('pubstats.satisfaction')} — ${t('pubstats.agencies')}`}>
              <table className="stats-table">
                <thead>
                  <tr>
                    <th scope="col">{t('pubstats.agency')}</th>
                    <th scope="col">{t('pubstats.ratings')}</th>
                    {criteria.map((c) => (
                      <th key={c} scope="col">
                        {t(`pubstats.criterion.${c}`)} ({t('pubstats.satisfiedRate')})
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {sat.data.agencies.map((a) => (
                    <tr key={a.code}>
                      <th scope="row" lang={dataLang}>
                        {a.name}
                      </th>
                      <td>{formatNumber(a.ratings, lang)}</td>
                      {a.criteria.map((c) => (
                        <td key={c.criterion}>{pct(c.satisfiedRate)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
      <h2 id="pub-apologies">{t('pubstats.apologies')}</h2>
      {apo.loading && !apo.data ? <Loading /> : null}
      {apo.error ? <LoadError error={apo.error} onRetry={apo.reload} /> : null}
      {apo.data ? (
        apo.data.total ? (
          <>
            <p>{t('pubstats.apologiesIntro', { n: formatNumber(apo.data.total, lang) })}</p>
            <div className="stats-table-wrap" tabIndex={0} role="region" aria-labelledby="pub-apologies">
              <table className="stats-table">
                <thead>
                  <tr>
                    <th scope="col">{t('pubstats.agency')}</th>
                    <th scope="col">{t('pubstats.procedure')}</th>
                    <th scope="col">{t('pubstats.dossierCode')}</th>
                    <th scope="col">{t('pubstats.apologizedOn')}</th>
                    <th scope="col">{t('pubstats.newAppointment')}</th>
                  </tr>
                </thead>
                <tbody>
                  {apo.data.items.map((a, i) => (
                    <tr key={`${a.dossierCode}-${i}`}>
                      <th scope="row" lang={dataLang}>
                        {a.agencyName}
                      </th>
                      <td lang={dataLang}>{a.procedureName}</td>
                      <td>{a.dossierCode}</td>
                      <td>{formatDate(a.apologizedOn)}</td>
                      <td>{formatDate(a.newAppointment)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p>{t('pubstats.noApologies')}</p>
        )
      ) : null}
    </>
  );
}
