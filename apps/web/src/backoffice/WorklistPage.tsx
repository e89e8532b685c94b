import { Alert, Button, Form, Input, Modal, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { EXCHANGE_STATUS_LABELS, type ExchangeStatus } from '@motcua/domain/dossier/status.ts';
import { api } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { formatDateTime } from '../format.ts';
import { useDocumentTitle, useI18n, type MessageKey } from '../i18n.ts';
import { LoadError } from '../components/status.tsx';
import { ActionForm, actionLabel, BULK_ACTIONS } from './desk/ActionForm.tsx';
import { HandoverClock, WarningLabel } from './desk/common.tsx';
import { WORKLISTS, type BulkResult, type WorklistItem, type WorklistName } from './desk/types.ts';
import { dossierPath } from './paths.ts';

const VIEWS_KEY = 'motcua.desk.views';
interface SavedView {
  name: string;
  query: string;
}
function readViews(): SavedView[] {
  try {
    const v = JSON.parse(localStorage.getItem(VIEWS_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as SavedView[]).filter((x) => typeof x?.name === 'string' && typeof x?.query === 'string') : [];
  } catch {
    return [];
  }
}

const isTyping = (el: EventTarget | null) => el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest('.ant-select, .ant-modal'));

/**
 * Work lists (danh sách công việc) [003 Art. 17, 21]: one dense table per list, deadline warnings
 * by colour and label, filters and saved views, keyboard navigation (j/k or arrows, Enter opens,
 * x selects) and actions on many dossiers at once with a result per dossier [003 Art. 17.5].
 */
export default function WorklistPage() {
  const { t, lang, pick } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const list = (WORKLISTS as readonly string[]).includes(params.get('list') ?? '') ? (params.get('list') as WorklistName) : 'mine';
  const filters = { procedure: params.get('procedure') ?? '', channel: params.get('channel') ?? '', status: params.get('status') ?? '', q: params.get('q') ?? '', sort: params.get('sort') ?? 'deadline', page: Number(params.get('page') ?? 1) || 1 };
  useDocumentTitle(t(`desk.list.${list}` as MessageKey));
  const data = useLoad(
    (signal) => api.get<{ items: WorklistItem[]; total: number }>(`/api/v1/worklists/${list}`, { ...filters, pageSize: 50 }, { signal }),
    [list, filters.procedure, filters.channel, filters.status, filters.q, filters.sort, filters.page],
  );
  const items = useMemo(() => data.data?.items ?? [], [data.data]);
  const [active, setActive] = useState(0);
  const [selected, setSelected] = useState<string[]>([]);
  const [views, setViews] = useState<SavedView[]>(readViews);
  const [viewName, setViewName] = useState('');
  // The action and the dossiers it applies to, frozen when the dialog opens: a list that reloads
  // meanwhile (and so clears the selection) must not change what the officer confirmed.
  const [bulk, setBulkState] = useState<{ type: string; ids: string[] } | null>(null);
  const setBulk = (type: string | null) => {
    if (type) for (const it of items) if (selected.includes(it.id)) reportCodes.current.set(it.id, it.code ?? it.id.slice(0, 8));
    setBulkState(type ? { type, ids: selected } : null);
  };
  const reportCodes = useRef(new Map<string, string>());
  const [report, setReport] = useState<BulkResult[] | null>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const [form] = Form.useForm();

  useEffect(() => {
    setActive(0);
    setSelected([]);
  }, [list, data.data]);
  useEffect(() => {
    form.setFieldsValue({ procedure: filters.procedure, channel: filters.channel || undefined, status: filters.status || undefined, q: filters.q, sort: filters.sort });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params]);

  const setQuery = useCallback(
    (patch: Record<string, string | undefined>) => {
      const next = new URLSearchParams(params);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      if (!('page' in patch)) next.delete('page');
      setParams(next);
    },
    [params, setParams],
  );

  // Keyboard: the list is worked from the keyboard all day, so the shortcuts work anywhere on the page but inside fields and dialogs.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || bulk || report) return;
      if (!items.length) return;
      if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        setActive((a) => Math.min(items.length - 1, a + 1));
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((a) => Math.max(0, a - 1));
      } else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement)) {
        e.preventDefault();
        const it = items[active];
        if (it) void navigate(dossierPath(it.id));
      } else if (e.key === 'x') {
        const it = items[active];
        if (it) setSelected((s) => (s.includes(it.id) ? s.filter((x) => x !== it.id) : [...s, it.id]));
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [items, active, navigate, bulk, report]);
  useEffect(() => {
    tableRef.current?.querySelector<HTMLElement>('tr.row-active')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const saveView = () => {
    const name = viewName.trim();
    if (!name) return;
    const next = [...views.filter((v) => v.name !== name), { name, query: params.toString() || `list=${list}` }];
    localStorage.setItem(VIEWS_KEY, JSON.stringify(next));
    setViews(next);
    setViewName('');
  };
  const deleteView = (name: string) => {
    const next = views.filter((v) => v.name !== name);
    localStorage.setItem(VIEWS_KEY, JSON.stringify(next));
    setViews(next);
  };

  const showHandover = list === 'reception' || list === 'handover';
  const columns: TableColumnsType<WorklistItem> = [
    {
      title: t('desk.col.code'),
      dataIndex: 'code',
      render: (_: unknown, r) => (
        <Link to={dossierPath(r.id)} className="mono">
          {r.code ?? t('desk.noCode')}
        </Link>
      ),
    },
    { title: t('desk.col.applicant'), dataIndex: 'applicantName' },
    { title: t('desk.col.procedure'), dataIndex: 'procedureName', responsive: ['lg'], render: (v: string) => <span className="clamp-2">{v}</span> },
    { title: t('desk.col.channel'), dataIndex: 'channel', responsive: ['xl'], render: (v: string) => t(`desk.channel.${v}` as MessageKey) },
    {
      title: t('desk.col.status'),
      dataIndex: 'exchangeStatus',
      responsive: ['md'],
      render: (v: string, r) => (
        <>
          {EXCHANGE_STATUS_LABELS[v as ExchangeStatus] ? pick(EXCHANGE_STATUS_LABELS[v as ExchangeStatus]) : v}
          {r.step ? <div className="muted small">{t('desk.col.stepCode', { step: r.step })}</div> : null}
        </>
      ),
    },
    { title: t('desk.col.appointment'), dataIndex: 'appointment', responsive: ['md'], render: (v: string | null) => (v ? formatDateTime(v, lang) : '—') },
    { title: t('desk.col.warning'), dataIndex: 'warning', render: (_: unknown, r) => <WarningLabel warning={r.warning} /> },
    ...(showHandover ? [{ title: t('desk.col.handover'), dataIndex: 'handoverDue', render: (_: unknown, r: WorklistItem) => <HandoverClock due={r.handoverDue} warning={r.handoverWarning} lang={lang} /> }] : []),
  ];

  const runBulk = async (body: Record<string, unknown>) => {
    const r = await api.post<{ results: BulkResult[] }>('/api/v1/dossiers/bulk-actions', { ids: bulk?.ids ?? [], action: body });
    setBulk(null);
    setReport(r.results);
    data.reload();
  };
  const codeOf = (id: string) => reportCodes.current.get(id) ?? items.find((i) => i.id === id)?.code ?? id.slice(0, 8);

  return (
    <div className="bo-page desk-page">
      <h1>{t('desk.worklists')}</h1>
      <nav aria-label={t('desk.worklists')} className="desk-lists">
        <ul>
          {WORKLISTS.map((l) => (
            <li key={l}>
              <Link to={`?list=${l}`} aria-current={l === list ? 'page' : undefined} className={l === list ? 'active' : undefined}>
                {t(`desk.list.${l}` as MessageKey)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Form form={form} layout="inline" className="desk-filters" onFinish={(v: Record<string, string | undefined>) => setQuery({ procedure: v.procedure?.trim(), channel: v.channel, status: v.status, q: v.q?.trim(), sort: v.sort })}>
        <Form.Item name="q" label={t('desk.filter.q')}>
          <Input allowClear placeholder={t('desk.filter.qHint')} />
        </Form.Item>
        <Form.Item name="procedure" label={t('desk.filter.procedure')}>
          <Input allowClear className="w-140" />
        </Form.Item>
        <Form.Item name="channel" label={t('desk.filter.channel')}>
          <Select allowClear className="w-140" options={['direct', 'online', 'postal'].map((c) => ({ value: c, label: t(`desk.channel.${c}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="status" label={t('desk.filter.status')}>
          <Select allowClear className="w-220" options={Object.entries(EXCHANGE_STATUS_LABELS).map(([k, v]) => ({ value: k, label: `${k} · ${pick(v)}` }))} />
        </Form.Item>
        <Form.Item name="sort" label={t('desk.filter.sort')}>
          <Select
            className="w-180"
            options={[
              { value: 'deadline', label: t('desk.sort.deadline') },
              { value: '-deadline', label: t('desk.sort.-deadline') },
              { value: 'received', label: t('desk.sort.received') },
            ]}
          />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit">
            {t('desk.filter.apply')}
          </Button>
          <Button onClick={() => setParams(new URLSearchParams({ list }))}>{t('desk.filter.clear')}</Button>
        </Space>
      </Form>
      <div className="desk-views" role="group" aria-label={t('desk.views')}>
        <span className="muted">{t('desk.views')}:</span>
        {views.length === 0 ? <span className="muted">{t('desk.views.none')}</span> : null}
        {views.map((v) => (
          <Tag key={v.name} className="view-tag">
            <Link to={`?${v.query}`}>{v.name}</Link>
            <Button type="text" size="small" icon={<DeleteOutlined aria-hidden />} aria-label={t('desk.views.delete', { name: v.name })} onClick={() => deleteView(v.name)} />
          </Tag>
        ))}
        <Space.Compact>
          <Input aria-label={t('desk.views.name')} placeholder={t('desk.views.name')} value={viewName} onChange={(e) => setViewName(e.target.value)} onPressEnter={saveView} className="w-180" />
          <Button icon={<SaveOutlined aria-hidden />} onClick={saveView}>
            {t('desk.views.save')}
          </Button>
        </Space.Compact>
      </div>
      <p className="muted small" id="desk-keys">
        {t('desk.keys')}
      </p>
      {selected.length ? (
        <div className="desk-bulk" role="region" aria-label={t('desk.bulk.region')}>
          <strong>{t('desk.bulk.selected', { n: selected.length })}</strong>
          <Space wrap>
            {BULK_ACTIONS.map((a) => (
              <Button key={a} onClick={() => setBulk(a)}>
                {t(actionLabel(a))}
              </Button>
            ))}
            <Button type="text" onClick={() => setSelected([])}>
              {t('desk.bulk.clear')}
            </Button>
          </Space>
        </div>
      ) : null}
      {data.error ? <LoadError error={data.error} onRetry={data.reload} /> : null}
      <div ref={tableRef} aria-describedby="desk-keys">
        <Table<WorklistItem>
          size="small"
          rowKey="id"
          loading={data.loading}
          dataSource={items}
          columns={columns}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (r) => ({ 'aria-label': t('desk.bulk.select', { code: r.code ?? r.applicantName }) }) as never }}
          rowClassName={(_, i) => (i === active ? 'row-active' : '')}
          onRow={(_, i) => ({ onClick: () => setActive(i ?? 0), 'aria-current': i === active ? 'true' : undefined }) as never}
          pagination={{ current: filters.page, pageSize: 50, total: data.data?.total ?? 0, showSizeChanger: false, onChange: (p) => setQuery({ page: String(p) }) }}
          locale={{ emptyText: t('desk.empty') }}
        />
      </div>
      <Modal open={!!bulk} title={bulk ? t('desk.bulk.title', { action: t(actionLabel(bulk.type)), n: bulk.ids.length }) : ''} footer={null} onCancel={() => setBulk(null)} destroyOnHidden>
        {bulk ? <ActionForm type={bulk.type} onSubmit={runBulk} onCancel={() => setBulk(null)} /> : null}
      </Modal>
      <Modal open={!!report} title={t('desk.bulk.report')} onCancel={() => setReport(null)} onOk={() => setReport(null)} okText={t('desk.bulk.close')} cancelButtonProps={{ style: { display: 'none' } }}>
        {report ? (
          <>
            <Alert type={report.every((r) => r.ok) ? 'success' : 'warning'} showIcon message={t('desk.bulk.summary', { ok: report.filter((r) => r.ok).length, failed: report.filter((r) => !r.ok).length })} />
            <table className="desk-report" data-testid="bulk-report">
              <thead>
                <tr>
                  <th scope="col">{t('desk.col.code')}</th>
                  <th scope="col">{t('desk.bulk.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {report.map((r) => (
                  <tr key={r.id}>
                    <td className="mono">{r.code ?? codeOf(r.id)}</td>
                    <td>
                      {r.ok ? (
                        <Tag className="warn-tag warn-ok">{t('desk.bulk.ok')}</Tag>
                      ) : (
                        <>
                          <Tag className="warn-tag warn-overdue">{t('desk.bulk.failed')}</Tag> {r.problem?.detail ?? r.problem?.title}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </Modal>
    </div>
  );
}
