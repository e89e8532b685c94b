import { useState, type FormEvent } from 'react';
import { Button, Input, Table, type TableColumnsType } from 'antd';
import type { EvaluationReport } from '@motcua/domain/evaluation/schemas.ts';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n, type MessageKey } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { formatDateTime } from '../format.ts';
import { Loading, LoadError } from '../components/status.tsx';

type AgencyRow = EvaluationReport['agencies'][number];
type OfficerRow = EvaluationReport['officers'][number];

/** Tenths as "4.5"; null (not enough data) as a dash with its meaning for screen readers. */
function Points({ tenths }: { tenths: number | null }) {
  const { t } = useI18n();
  if (tenths === null) return <abbr title={t('ev.noData')}>—</abbr>;
  return <>{`${Math.floor(tenths / 10)}.${tenths % 10}`}</>;
}

function currentQuarter(): string {
  const d = new Date(Date.now() + 7 * 3600_000);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/** Scores for a quarter or a year per agency and officer [TT 01/2018 Art. 13–15; QĐ 766/QĐ-TTg]. */
export default function EvaluationPage() {
  const { t, lang, dataLang } = useI18n();
  useDocumentTitle(t('ev.title'));
  const [period, setPeriod] = useState(currentQuarter());
  const [agency, setAgency] = useState('');
  const [query, setQuery] = useState({ period: currentQuarter(), agency: '' });
  const rep = useLoad((signal) => api.get<EvaluationReport>('/api/v1/evaluation', query, { signal }), [query.period, query.agency]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ period: period.trim(), agency: agency.trim() });
  };
  const cls = (c: string | null) => (c ? t(`ev.class.${c}` as MessageKey) : t('ev.noData'));
  const indexCols = (nums: number[]) =>
    nums.map((n) => ({
      title: t('ev.index', { n }),
      key: `i${n}`,
      render: (_: unknown, r: AgencyRow | OfficerRow) => <Points tenths={r.score.indices.find((i) => i.index === n)?.tenths ?? null} />,
    }));
  const agencyCols: TableColumnsType<AgencyRow> = [
    { title: t('ev.name'), dataIndex: 'agencyName', render: (n: string) => <span lang={dataLang}>{n}</span> },
    { title: t('ev.dossiers'), key: 'd', render: (_: unknown, r) => r.score.dossiers },
    ...indexCols([1, 2, 3, 4, 5, 6, 7, 8, 9]),
    { title: t('ev.total'), key: 'tot', render: (_: unknown, r) => <strong><Points tenths={r.score.total} /> / 18</strong> },
    { title: t('ev.class'), key: 'c', render: (_: unknown, r) => cls(r.score.class) },
    { title: t('ev.service'), key: 's', render: (_: unknown, r) => <Points tenths={r.serviceIndex.normalisedTenths} /> },
  ];
  const officerCols: TableColumnsType<OfficerRow> = [
    { title: t('ev.name'), dataIndex: 'fullName', render: (n: string) => <span lang={dataLang}>{n}</span> },
    { title: t('ev.dossiers'), key: 'd', render: (_: unknown, r) => r.score.dossiers },
    ...indexCols([1, 2, 3, 4, 7]),
    { title: t('ev.total'), key: 'tot', render: (_: unknown, r) => <strong><Points tenths={r.score.total} /> / 10</strong> },
    { title: t('ev.class'), key: 'c', render: (_: unknown, r) => cls(r.score.class) },
  ];
  return (
    <div className="page">
      <h1>{t('ev.title')}</h1>
      <p>{t('ev.intro')}</p>
      <form className="lookup-form" onSubmit={submit} noValidate aria-label={t('ev.title')}>
        <label htmlFor="ev-period">{t('ev.period')}</label>
        <Input id="ev-period" value={period} onChange={(e) => setPeriod(e.target.value)} autoComplete="off" />
        <label htmlFor="ev-agency">{t('ev.agency')}</label>
        <Input id="ev-agency" value={agency} onChange={(e) => setAgency(e.target.value)} autoComplete="off" />
        <div>
          <Button type="primary" htmlType="submit">
            {t('ev.show')}
          </Button>
        </div>
      </form>
      {rep.loading ? <Loading /> : rep.error ? <LoadError error={rep.error} onRetry={rep.reload} /> : null}
      {rep.data ? (
        <>
          <p className="form-note">{t('ev.asOf', { at: formatDateTime(rep.data.asOf, lang) })}</p>
          <h2>{t('ev.agencies')}</h2>
          <Table<AgencyRow> rowKey="agencyCode" columns={agencyCols} dataSource={rep.data.agencies} pagination={false} scroll={{ x: true }} size="small" />
          <h2>{t('ev.officers')}</h2>
          <Table<OfficerRow> rowKey="userId" columns={officerCols} dataSource={rep.data.officers} pagination={false} scroll={{ x: true }} size="small" />
        </>
      ) : null}
    </div>
  );
}
