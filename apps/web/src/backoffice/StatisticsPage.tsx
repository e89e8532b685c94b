import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Input, Pagination, Select } from 'antd';
import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { api, withQuery } from '../api.ts';
import { useDocumentTitle, useI18n, type MessageKey } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { addDays, formatDateTime, formatNumber, todayVn } from '../format.ts';
import { Loading, LoadError } from '../components/status.tsx';
import { ChannelMix, CountBars, RateBars, TrendChart } from '../components/StatsCharts.tsx';
import KeptReports from './KeptReports.tsx';
// The server's own figures type: one shape for the report, its exports and this page.
import type { Figures } from '@motcua/domain/statistics/index.ts';

type GroupBy = 'agency' | 'field' | 'procedure' | 'commune' | 'channel';
interface Report {
  rows: { key: string; label: string; figures: Figures }[];
  total: Figures;
  trend: { month: string; received: number; resolved: number; onTimeRate: number | null }[];
}
/** GET /api/v1/statistics/overdue-by-department: open dossiers overdue now, per department holding their step. */
interface OverdueByDepartment {
  asOf: string;
  total: number;
  items: { agencyCode: string; agencyName: string; departmentCode: string | null; departmentName: string | null; departmentNameEn: string | null; overdue: number }[];
}
const CHANNELS = ['direct', 'online', 'postal'] as const;
interface DrillItem {
  id: string;
  code: string | null;
  agencyCode: string;
  procedureCode: string;
  procedureName: string;
  channel: string;
  receivedAt: string;
  endedAt: string | null;
  status: string;
}

/** The columns of the table: figure → the drill-down bucket behind it (SPEC §15: every number opens its list). */
const COLUMNS: { field: keyof Figures; bucket: string | null }[] = [
  { field: 'received', bucket: 'received' },
  { field: 'carriedOver', bucket: 'carried' },
  { field: 'new', bucket: 'new' },
  { field: 'resolved', bucket: 'resolved' },
  { field: 'early', bucket: 'early' },
  { field: 'onTime', bucket: 'on-time' },
  { field: 'late', bucket: 'late' },
  { field: 'inProgress', bucket: 'in-progress' },
  { field: 'notDue', bucket: 'not-due' },
  { field: 'overdue', bucket: 'overdue' },
  { field: 'awaitingSupplement', bucket: 'awaiting-supplement' },
  { field: 'refused', bucket: 'refused' },
  { field: 'withdrawn', bucket: 'withdrawn' },
  { field: 'stopped', bucket: 'stopped' },
  { field: 'postalReturned', bucket: 'postal-returned' },
  { field: 'resolutionRate', bucket: null },
  { field: 'onTimeRate', bucket: null },
];
const BUCKET_FIELD = Object.fromEntries(COLUMNS.filter((c) => c.bucket).map((c) => [c.bucket!, c.field]));
const STATUS_FIELD: Record<string, keyof Figures> = { ...BUCKET_FIELD, 'on-time': 'onTime', 'not-due': 'notDue' };
const GROUPS: GroupBy[] = ['agency', 'field', 'procedure', 'commune', 'channel'];
const colKey = (f: keyof Figures) => `stats.col.${f}` as MessageKey;

export default function StatisticsPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('stats.title'));
  const [params, setParams] = useSearchParams();
  const today = todayVn();
  const from = params.get('from') ?? `${today.slice(0, 4)}-01-01`;
  const to = params.get('to') ?? today;
  const groupBy = (params.get('groupBy') as GroupBy | null) ?? 'agency';
  const bucket = params.get('bucket');
  const rowKey = params.get('key');
  const page = Number(params.get('page') ?? 1);
  const query = { from, to: addDays(to, 1), groupBy };
  const report = useLoad((signal) => api.get<Report>('/api/v1/statistics', query, { signal }), [from, to, groupBy]);
  // The channel mix: the same report grouped by channel (the table's own rows when it already is).
  const byChannel = useLoad((signal) => (groupBy === 'channel' ? Promise.resolve(null) : api.get<Report>('/api/v1/statistics', { ...query, groupBy: 'channel' }, { signal })), [from, to, groupBy]);
  const overdue = useLoad((signal) => api.get<OverdueByDepartment>('/api/v1/statistics/overdue-by-department', undefined, { signal }), []);
  const [draft, setDraft] = useState({ from, to, groupBy });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft({ from, to, groupBy }), [from, to, groupBy]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.from || !draft.to || draft.to < draft.from) return setError(t('stats.periodError'));
    setError(null);
    setParams({ from: draft.from, to: draft.to, groupBy: draft.groupBy });
  };
  const link = (b: string, key: string | null) => {
    const p = new URLSearchParams({ from, to, groupBy, bucket: b });
    if (key !== null) p.set('key', key);
    return `?${p.toString()}`;
  };
  const fmt = (f: Figures, field: keyof Figures) => {
    const v = f[field];
    if (v === null) return '–';
    return field.endsWith('Rate') ? `${formatNumber((v as number) * 100, lang)} %` : formatNumber(v as number, lang);
  };
  const cell = (f: Figures, field: keyof Figures, b: string | null, key: string | null, rowLabel: string) =>
    b && (f[field] as number) > 0 ? (
      <Link to={link(b, key)} aria-label={t('stats.figureLink', { figure: t(colKey(field)), row: rowLabel, count: f[field] as number })}>
        {fmt(f, field)}
      </Link>
    ) : (
      fmt(f, field)
    );

  return (
    <section aria-labelledby="stats-h">
      <h1 id="stats-h">{t('stats.title')}</h1>
      <p>{t('stats.intro')}</p>
      <form className="stats-filters" onSubmit={submit} noValidate>
        <label>
          {t('stats.from')}
          <Input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} aria-invalid={!!error} />
        </label>
        <label>
          {t('stats.to')}
          <Input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} aria-invalid={!!error} aria-describedby={error ? 'stats-err' : undefined} />
        </label>
        <label>
          {t('stats.groupBy')}
          <Select style={{ minWidth: 200 }} value={draft.groupBy} onChange={(v) => setDraft({ ...draft, groupBy: v })} options={GROUPS.map((g) => ({ value: g, label: t(`stats.group.${g}` as MessageKey) }))} />
        </label>
        <Button type="primary" htmlType="submit">
          {t('stats.show')}
        </Button>
        <Button href={withQuery('/api/v1/statistics/export.xlsx', query)} icon={<DownloadOutlined aria-hidden />}>
          {t('stats.export')}
        </Button>
        <Button href={withQuery('/api/v1/statistics/export.pdf', query)} icon={<FilePdfOutlined aria-hidden />}>
          {t('stats.exportPdf')}
        </Button>
      </form>
      {error ? <Alert id="stats-err" type="error" role="alert" message={error} showIcon /> : null}
      {report.loading && !report.data ? <Loading /> : null}
      {report.error ? <LoadError error={report.error} onRetry={report.reload} /> : null}
      {report.data ? (
        <>
          <div className="stats-table-wrap" tabIndex={0} aria-label={t('stats.table', { group: t(`stats.group.${groupBy}` as MessageKey) })} role="region">
            <table className="stats-table">
              <caption className="visually-hidden">{t('stats.table', { group: t(`stats.group.${groupBy}` as MessageKey) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`stats.group.${groupBy}` as MessageKey)}</th>
                  {COLUMNS.map((c) => (
                    <th key={c.field} scope="col">
                      {t(colKey(c.field))}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.data.rows.map((r) => {
                  const label = groupBy === 'channel' ? t(`stats.channel.${r.key}` as MessageKey) : r.label || r.key;
                  return (
                    <tr key={r.key}>
                      <th scope="row">{label}</th>
                      {COLUMNS.map((c) => (
                        <td key={c.field}>{cell(r.figures, c.field, c.bucket, r.key, label)}</td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('stats.total')}</th>
                  {COLUMNS.map((c) => (
                    <td key={c.field}>{cell(report.data!.total, c.field, c.bucket, null, t('stats.total'))}</td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="muted-note">{t('stats.rule')}</p>
          {bucket ? <DrillDown from={from} to={addDays(to, 1)} groupBy={groupBy} bucket={bucket} rowKey={rowKey} page={page} rowLabel={rowKey === null ? t('stats.drill.all') : (report.data.rows.find((r) => r.key === rowKey)?.label ?? rowKey)} onPage={(p) => setParams((q) => (q.set('page', String(p)), q))} onClose={() => setParams({ from, to, groupBy })} /> : null}
          <div className="stats-charts">
            <RateBars title={t('stats.chart.onTime', { group: t(`stats.group.${groupBy}` as MessageKey) })} rows={report.data.rows.map((r) => ({ key: r.key, label: groupBy === 'channel' ? t(`stats.channel.${r.key}` as MessageKey) : r.label, rate: r.figures.onTimeRate }))} />
            <ChannelMix rows={channelRows(groupBy === 'channel' ? report.data : byChannel.data)} />
            <TrendChart months={report.data.trend} />
            {overdue.error ? <LoadError error={overdue.error} onRetry={overdue.reload} /> : null}
            {overdue.data ? <OverdueChart data={overdue.data} /> : null}
          </div>
        </>
      ) : null}
      <KeptReports />
    </section>
  );
}

/** New receipts of the period per reception channel; a channel with none is still listed (0). */
function channelRows(r: Report | null | undefined): { channel: string; received: number }[] {
  if (!r) return [];
  return CHANNELS.map((c) => ({ channel: c, received: r.rows.find((x) => x.key === c)?.figures.new ?? 0 }));
}

function OverdueChart({ data }: { data: OverdueByDepartment }) {
  const { t, lang } = useI18n();
  const several = new Set(data.items.map((i) => i.agencyCode)).size > 1;
  const english = (i: OverdueByDepartment['items'][number]) => lang === 'en' && !!i.departmentNameEn;
  const name = (i: OverdueByDepartment['items'][number]) => (english(i) && i.departmentNameEn) || i.departmentName || i.departmentCode || t('charts.noDepartment');
  return (
    <CountBars
      title={t('charts.overdue')}
      summary={t('charts.overdueSummary', { total: formatNumber(data.total, lang), at: formatDateTime(data.asOf, lang) })}
      empty={t('charts.overdueNone')}
      rows={data.items.map((i) => ({ key: `${i.agencyCode}/${i.departmentCode ?? ''}`, label: several ? t('charts.departmentOf', { department: name(i), agency: i.agencyName }) : name(i), value: i.overdue, dataLabel: !english(i) && i.departmentCode !== null }))}
    />
  );
}

function DrillDown(p: { from: string; to: string; groupBy: GroupBy; bucket: string; rowKey: string | null; page: number; rowLabel: string; onPage: (n: number) => void; onClose: () => void }) {
  const { t, lang } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useLoad(
    (signal) => api.get<{ items: DrillItem[]; total: number }>('/api/v1/statistics/dossiers', { from: p.from, to: p.to, bucket: p.bucket, groupBy: p.rowKey === null ? undefined : p.groupBy, key: p.rowKey ?? undefined, page: p.page, pageSize: 50 }, { signal }),
    [p.from, p.to, p.bucket, p.groupBy, p.rowKey, p.page],
  );
  useEffect(() => heading.current?.focus(), [p.bucket, p.rowKey]);
  const figure = BUCKET_FIELD[p.bucket] ? t(colKey(BUCKET_FIELD[p.bucket] as keyof Figures)) : p.bucket;
  return (
    <section className="stats-drill" aria-labelledby="drill-h">
      <h2 id="drill-h" tabIndex={-1} ref={heading}>
        {t('stats.drill.title', { figure, row: p.rowLabel })}
      </h2>
      <Button onClick={p.onClose}>{t('stats.drill.close')}</Button>
      {list.loading && !list.data ? <Loading /> : null}
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.data && list.data.total === 0 ? <p>{t('stats.empty')}</p> : null}
      {list.data && list.data.total > 0 ? (
        <>
          <div className="stats-table-wrap" tabIndex={0} role="region" aria-labelledby="drill-h">
            <table className="stats-table">
              <thead>
                <tr>
                  {(['code', 'agency', 'procedure', 'channel', 'receivedAt', 'endedAt', 'status'] as const).map((k) => (
                    <th key={k} scope="col">
                      {t(`stats.drill.${k}` as MessageKey)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((d) => (
                  <tr key={d.id}>
                    <td className="label">{d.code ?? '–'}</td>
                    <td className="label">{d.agencyCode}</td>
                    <td className="label">{d.procedureName}</td>
                    <td className="label">{t(`stats.channel.${d.channel}` as MessageKey)}</td>
                    <td className="label">{formatDateTime(d.receivedAt, lang)}</td>
                    <td className="label">{d.endedAt ? formatDateTime(d.endedAt, lang) : '–'}</td>
                    <td className="label">{STATUS_FIELD[d.status] ? t(colKey(STATUS_FIELD[d.status]!)) : d.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination current={p.page} pageSize={50} total={list.data.total} showSizeChanger={false} onChange={p.onPage} />
        </>
      ) : null}
    </section>
  );
}
