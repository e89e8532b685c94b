import { App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Row, Select, Space, Table, Tree, type TreeDataNode } from 'antd';
import { ApartmentOutlined, EditOutlined, MergeCellsOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { AGENCY_CODE_PATTERN, type Department } from '@motcua/domain';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { invalidateLookups, lookups, useLevels, useLoad } from '../hooks.ts';
import { applyProblem, clearErrors } from '../forms.ts';
import { formatDate, formatDateTime, todayVn } from '../format.ts';
import { LoadError, Loading } from '../components/status.tsx';
import { ToneTag } from '../components/tags.tsx';
import { useAuth } from './auth.tsx';
import type { Agency, AgencyDetail, AgencyHistoryItem } from '../types.ts';

type Dialog =
  | { kind: 'create'; parentCode: string | null }
  | { kind: 'edit'; agency: Agency }
  | { kind: 'rename'; agency: Agency }
  | { kind: 'merge'; successorCode?: string }
  | { kind: 'department'; agencyCode: string; department?: Department };

const agencyRe = new RegExp(AGENCY_CODE_PATTERN);

function StatusTag({ status }: { status: Agency['status'] }) {
  const { t } = useI18n();
  if (status === 'active') return null;
  return <ToneTag tone={status === 'merged' ? 'purple' : 'grey'}>{t(`agency.status.${status}`)}</ToneTag>;
}

export default function AgenciesPage() {
  const { t, lang, localized } = useI18n();
  useDocumentTitle(t('bo.menu.agencies'));
  const { hasRole } = useAuth();
  const isSystemAdmin = hasRole('system_admin');
  const [params, setParams] = useSearchParams();
  const selected = params.get('code');
  const [version, setVersion] = useState(0);
  const list = useLoad(() => lookups.agencies('all'), [version]);
  const levels = useLevels();
  const detail = useLoad((signal) => (selected ? api.get<AgencyDetail>(`/api/v1/agencies/${encodeURIComponent(selected)}`, undefined, { signal }) : Promise.resolve(null)), [selected, version]);
  const history = useLoad(
    (signal) => (selected ? api.get<{ items: AgencyHistoryItem[] }>(`/api/v1/agencies/${encodeURIComponent(selected)}/history`, undefined, { signal, quiet: true }).then((r) => r.items) : Promise.resolve([])),
    [selected, version],
  );
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const changed = () => {
    invalidateLookups('agencies');
    setVersion((v) => v + 1);
  };
  const levelName = (code: string) => {
    const l = levels.data?.find((x) => x.code === code);
    return l ? localized(l.name, l.nameEn) : code;
  };

  const tree = useMemo<TreeDataNode[]>(() => {
    const items = list.data ?? [];
    const codes = new Set(items.map((a) => a.code));
    const children = new Map<string | null, Agency[]>();
    for (const a of items) {
      const parent = a.parentCode && codes.has(a.parentCode) ? a.parentCode : null;
      children.set(parent, [...(children.get(parent) ?? []), a]);
    }
    const build = (parent: string | null): TreeDataNode[] =>
      (children.get(parent) ?? []).map((a) => ({
        key: a.code,
        title: (
          <span className={a.status === 'active' ? '' : 'inactive-agency'}>
            {localized(a.name, a.nameEn)} <span className="code small">{a.code}</span> <StatusTag status={a.status} />
          </span>
        ),
        children: build(a.code),
      }));
    return build(null);
  }, [list.data, localized]);
  const topKeys = useMemo(() => (list.data ?? []).filter((a) => !a.parentCode).map((a) => a.code), [list.data]);

  const d = detail.data;
  return (
    <div className="bo-page">
      <div className="page-head">
        <h1>{t('agency.title')}</h1>
        <Space wrap>
          {isSystemAdmin ? (
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'create', parentCode: null })}>
              {t('agency.createRoot')}
            </Button>
          ) : null}
          {isSystemAdmin ? (
            <Button icon={<MergeCellsOutlined aria-hidden />} onClick={() => setDialog({ kind: 'merge', ...(selected ? { successorCode: selected } : {}) })}>
              {t('agency.merge')}
            </Button>
          ) : null}
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={<h2 className="card-heading">{t('agency.tree')}</h2>} size="small">
            {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
            {list.loading && !list.data ? <Loading /> : null}
            {list.data ? (
              <Tree
                key={topKeys.join(',')}
                treeData={tree}
                defaultExpandedKeys={topKeys}
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => {
                  const k = keys[0];
                  setParams(k ? { code: String(k) } : {});
                }}
                showLine
                blockNode
                aria-label={t('agency.tree')}
              />
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          {!selected ? (
            <Card>
              <Empty description={t('agency.pick')} />
            </Card>
          ) : detail.error ? (
            <LoadError error={detail.error} onRetry={detail.reload} />
          ) : !d ? (
            <Loading />
          ) : (
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              <Card
                title={
                  <h2 className="card-heading">
                    {localized(d.name, d.nameEn)} <StatusTag status={d.status} />
                  </h2>
                }
                size="small"
              >
                <Space wrap className="card-actions">
                  <Button icon={<EditOutlined aria-hidden />} onClick={() => setDialog({ kind: 'edit', agency: d })} disabled={d.status !== 'active'}>
                    {t('common.edit')}
                  </Button>
                  <Button icon={<SwapOutlined aria-hidden />} onClick={() => setDialog({ kind: 'rename', agency: d })} disabled={d.status !== 'active'}>
                    {t('agency.rename')}
                  </Button>
                  <Button icon={<ApartmentOutlined aria-hidden />} onClick={() => setDialog({ kind: 'create', parentCode: d.code })} disabled={d.status !== 'active'}>
                    {t('agency.addChild')}
                  </Button>
                </Space>
                <Descriptions column={1} size="small" bordered className="agency-facts">
                  <Descriptions.Item label={t('agency.code')}>
                    <span className="code">{d.code}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('agency.name')}>{d.name}</Descriptions.Item>
                  {d.nameEn ? <Descriptions.Item label={t('agency.nameEn')}>{d.nameEn}</Descriptions.Item> : null}
                  {d.shortName ? <Descriptions.Item label={t('agency.shortName')}>{d.shortName}</Descriptions.Item> : null}
                  <Descriptions.Item label={t('agency.level')}>{levelName(d.level)}</Descriptions.Item>
                  <Descriptions.Item label={t('agency.parent')}>{d.parentCode ? (list.data?.find((a) => a.code === d.parentCode)?.name ?? d.parentCode) : '—'}</Descriptions.Item>
                  {d.address ? <Descriptions.Item label={t('agency.address')}>{d.address}</Descriptions.Item> : null}
                  {d.phone ? <Descriptions.Item label={t('agency.phone')}>{d.phone}</Descriptions.Item> : null}
                  {d.email ? <Descriptions.Item label={t('agency.email')}>{d.email}</Descriptions.Item> : null}
                  {d.hotline ? <Descriptions.Item label={t('agency.hotline')}>{d.hotline}</Descriptions.Item> : null}
                  {d.successorCode ? <Descriptions.Item label={t('agency.successor')}>{list.data?.find((a) => a.code === d.successorCode)?.name ?? d.successorCode}</Descriptions.Item> : null}
                </Descriptions>
              </Card>

              <Card
                title={<h3 className="card-heading">{t('agency.departments')}</h3>}
                size="small"
                extra={
                  <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'department', agencyCode: d.code })} disabled={d.status !== 'active'}>
                    {t('agency.addDepartment')}
                  </Button>
                }
              >
                <Table<Department>
                  size="small"
                  rowKey="code"
                  pagination={false}
                  dataSource={d.departments}
                  locale={{ emptyText: t('agency.noDepartments') }}
                  columns={[
                    { title: t('agency.departmentCode'), dataIndex: 'code', render: (c: string) => <span className="code">{c}</span> },
                    { title: t('agency.name'), dataIndex: 'name', render: (_, r) => localized(r.name, r.nameEn) },
                    { title: t('agency.departmentStatus'), dataIndex: 'active', render: (a: boolean) => (a ? <ToneTag tone="green">{t('agency.active')}</ToneTag> : <ToneTag tone="grey">{t('agency.inactive')}</ToneTag>) },
                    {
                      title: t('common.actions'),
                      render: (_, r) => (
                        <Space size="small" wrap>
                          <Button size="small" onClick={() => setDialog({ kind: 'department', agencyCode: d.code, department: r })} aria-label={t('agency.editDepartment', { name: r.name })}>
                            {t('common.edit')}
                          </Button>
                          <DepartmentToggle agencyCode={d.code} department={r} onDone={changed} />
                        </Space>
                      ),
                    },
                  ]}
                />
              </Card>

              {d.children.length ? (
                <Card title={<h3 className="card-heading">{t('agency.children')}</h3>} size="small">
                  <ul className="plain-list">
                    {d.children.map((c) => (
                      <li key={c.code}>
                        <Button type="link" className="inline-link" onClick={() => setParams({ code: c.code })}>
                          {c.name}
                        </Button>{' '}
                        <span className="code small">{c.code}</span>
                      </li>
                    ))}
                  </ul>
                </Card>
              ) : null}

              <Card title={<h3 className="card-heading">{t('agency.history')}</h3>} size="small">
                {history.error ? <LoadError error={history.error} /> : null}
                <Table<AgencyHistoryItem>
                  size="small"
                  rowKey={(r) => `${r.at}-${r.kind}`}
                  pagination={false}
                  dataSource={history.data ?? []}
                  loading={history.loading}
                  columns={[
                    { title: t('agency.historyKind'), dataIndex: 'kind', render: (k: string) => historyKind(k, t) },
                    { title: t('agency.effectiveDate'), dataIndex: 'effectiveDate', render: (v: string) => formatDate(v) },
                    { title: t('agency.historyChange'), render: (_, r) => <HistoryChange item={r} /> },
                    { title: t('procedure.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
                    { title: t('agency.recordedAt'), dataIndex: 'at', render: (v: string) => formatDateTime(v, lang) },
                  ]}
                />
              </Card>
            </Space>
          )}
        </Col>
      </Row>
      {dialog ? <AgencyDialog dialog={dialog} agencies={list.data ?? []} onClose={() => setDialog(null)} onDone={(code) => { setDialog(null); changed(); if (code) setParams({ code }); }} /> : null}
    </div>
  );
}

function historyKind(kind: string, t: ReturnType<typeof useI18n>['t']): string {
  switch (kind) {
    case 'created':
      return t('agency.h.created');
    case 'renamed':
      return t('agency.h.renamed');
    case 'merged':
      return t('agency.h.merged');
    case 'moved':
      return t('agency.h.moved');
    case 'updated':
      return t('agency.h.updated');
    default:
      return kind;
  }
}

function HistoryChange({ item }: { item: AgencyHistoryItem }) {
  const before = (item.before ?? {}) as Record<string, unknown>;
  const after = (item.after ?? {}) as Record<string, unknown>;
  if (item.kind === 'renamed') return <span>{`${String(before.name ?? '')} → ${String(after.name ?? '')}`}</span>;
  if (item.kind === 'merged') return <span>{`→ ${String(after.successorCode ?? '')}`}</span>;
  if (item.kind === 'created') return <span>{String(after.name ?? '')}</span>;
  const keys = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return <span>{keys.map((k) => `${k}: ${String(after[k] ?? '')}`).join('; ')}</span>;
}

function DepartmentToggle({ agencyCode, department, onDone }: { agencyCode: string; department: Department; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    try {
      await api.patch(`/api/v1/agencies/${encodeURIComponent(agencyCode)}/departments/${encodeURIComponent(department.code)}`, { active: !department.active });
      void message.success(t('common.saved'));
      onDone();
    } catch (e) {
      applyProblem(null, e, { t, lang, message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" loading={busy} onClick={() => void toggle()} aria-label={`${department.active ? t('agency.deactivate') : t('agency.activate')}: ${department.name}`}>
      {department.active ? t('agency.deactivate') : t('agency.activate')}
    </Button>
  );
}

function AgencyDialog({ dialog, agencies, onClose, onDone }: { dialog: Dialog; agencies: Agency[]; onClose: () => void; onDone: (code?: string) => void }) {
  const { t, lang, localized } = useI18n();
  const { message } = App.useApp();
  const levels = useLevels();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [busy, setBusy] = useState(false);
  const active = agencies.filter((a) => a.status === 'active');
  const agencyOptions = active.map((a) => ({ value: a.code, label: `${localized(a.name, a.nameEn)} (${a.code})` }));
  const req = [{ required: true, message: t('common.required') }];

  let title = '';
  let body: ReactNode = null;
  let initial: Record<string, unknown> = {};
  let run: (v: Record<string, unknown>) => Promise<string | undefined>;

  const clean = (v: Record<string, unknown>, keepEmpty: boolean) => {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      if (typeof x === 'string') {
        const s = x.trim();
        if (s || keepEmpty) out[k] = s;
      } else out[k] = x;
    }
    return out;
  };
  const date = (v: unknown) => (v && dayjs.isDayjs(v) ? (v as Dayjs).format('YYYY-MM-DD') : undefined);

  const contactFields = (
    <>
      <Form.Item name="address" label={t('agency.address')}>
        <Input />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="phone" label={t('agency.phone')}>
            <Input inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="hotline" label={t('agency.hotline')}>
            <Input inputMode="tel" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="email" label={t('agency.email')} rules={[{ type: 'email', message: t('common.invalidEmail') }]}>
        <Input inputMode="email" />
      </Form.Item>
    </>
  );
  const levelSelect = (
    <Form.Item name="level" label={t('agency.level')} rules={req}>
      <Select options={(levels.data ?? []).map((l) => ({ value: l.code, label: localized(l.name, l.nameEn) }))} loading={levels.loading} />
    </Form.Item>
  );

  switch (dialog.kind) {
    case 'create':
      title = dialog.parentCode ? t('agency.addChild') : t('agency.createRoot');
      initial = { parentCode: dialog.parentCode };
      body = (
        <>
          <Form.Item name="code" label={t('agency.code')} rules={[...req, { pattern: agencyRe, message: t('agency.codePattern') }]} extra={t('agency.codeHint')}>
            <Input spellCheck={false} placeholder="000.00.15.H12" />
          </Form.Item>
          <Form.Item name="name" label={t('agency.name')} rules={req}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('agency.nameEn')}>
            <Input />
          </Form.Item>
          <Form.Item name="shortName" label={t('agency.shortName')}>
            <Input />
          </Form.Item>
          {levelSelect}
          <Form.Item name="parentCode" label={t('agency.parent')}>
            <Select options={agencyOptions} showSearch optionFilterProp="label" allowClear />
          </Form.Item>
          {contactFields}
        </>
      );
      run = async (v) => {
        const body = clean(v, false);
        if (!body.parentCode) body.parentCode = null;
        const r = await api.post<Agency>('/api/v1/agencies', body);
        return r.code;
      };
      break;
    case 'edit': {
      const a = dialog.agency;
      title = t('agency.editTitle', { name: a.name });
      initial = { nameEn: a.nameEn ?? '', shortName: a.shortName ?? '', level: a.level, parentCode: a.parentCode, address: a.address ?? '', phone: a.phone ?? '', email: a.email ?? '', hotline: a.hotline ?? '' };
      body = (
        <>
          <p>{t('agency.editNameHint')}</p>
          <Form.Item name="nameEn" label={t('agency.nameEn')}>
            <Input />
          </Form.Item>
          <Form.Item name="shortName" label={t('agency.shortName')}>
            <Input />
          </Form.Item>
          {levelSelect}
          <Form.Item name="parentCode" label={t('agency.parent')}>
            <Select options={agencyOptions.filter((o) => o.value !== a.code)} showSearch optionFilterProp="label" allowClear />
          </Form.Item>
          {contactFields}
        </>
      );
      run = async (v) => {
        const body = clean(v, true);
        if (!body.parentCode) body.parentCode = null;
        if (body.parentCode === a.parentCode) delete body.parentCode;
        await api.patch(`/api/v1/agencies/${encodeURIComponent(a.code)}`, body);
        return a.code;
      };
      break;
    }
    case 'rename': {
      const a = dialog.agency;
      title = t('agency.renameTitle', { name: a.name });
      initial = { name: a.name, nameEn: a.nameEn ?? '', effectiveDate: dayjs(todayVn()) };
      body = (
        <>
          <Form.Item name="name" label={t('agency.newName')} rules={req}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('agency.nameEn')}>
            <Input />
          </Form.Item>
          <Form.Item name="effectiveDate" label={t('agency.effectiveDate')} rules={req}>
            <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label={t('agency.decision')}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        </>
      );
      run = async (v) => {
        const body = clean({ ...v, effectiveDate: date(v.effectiveDate) }, false);
        await api.post(`/api/v1/agencies/${encodeURIComponent(a.code)}/rename`, body);
        return a.code;
      };
      break;
    }
    case 'merge':
      title = t('agency.merge');
      initial = { successorCode: dialog.successorCode, mergedCodes: [], effectiveDate: dayjs(todayVn()) };
      body = (
        <>
          <p>{t('agency.mergeHint')}</p>
          <Form.Item name="mergedCodes" label={t('agency.mergedCodes')} rules={req}>
            <Select mode="multiple" options={agencyOptions} showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="successorCode" label={t('agency.successor')} rules={req}>
            <Select options={agencyOptions} showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="effectiveDate" label={t('agency.effectiveDate')} rules={req}>
            <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label={t('agency.decision')}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        </>
      );
      run = async (v) => {
        const body = clean({ ...v, effectiveDate: date(v.effectiveDate) }, false);
        await api.post('/api/v1/agencies/merge', body);
        return String(v.successorCode);
      };
      break;
    case 'department': {
      const dep = dialog.department;
      title = dep ? t('agency.editDepartment', { name: dep.name }) : t('agency.addDepartment');
      initial = dep ? { name: dep.name, nameEn: dep.nameEn ?? '' } : {};
      body = (
        <>
          {dep ? null : (
            <Form.Item name="code" label={t('agency.departmentCode')} rules={[...req, { pattern: /^[A-Za-z0-9_.-]+$/, message: t('agency.departmentCodePattern') }]}>
              <Input spellCheck={false} />
            </Form.Item>
          )}
          <Form.Item name="name" label={t('agency.name')} rules={req}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('agency.nameEn')}>
            <Input />
          </Form.Item>
        </>
      );
      run = async (v) => {
        const path = `/api/v1/agencies/${encodeURIComponent(dialog.agencyCode)}/departments`;
        if (dep) await api.patch(`${path}/${encodeURIComponent(dep.code)}`, clean(v, true));
        else await api.post(path, clean(v, false));
        return dialog.agencyCode;
      };
      break;
    }
  }

  const submit = async () => {
    let v: Record<string, unknown>;
    clearErrors(form);
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const code = await run(v);
      void message.success(t('common.saved'));
      onDone(code);
    } catch (e) {
      applyProblem(form, e, { t, lang, message, rename: (f) => f.replace(/^body\./, '').replace(/^mergedCodes\.\d+$/, 'mergedCodes') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={title} onCancel={onClose} onOk={() => void submit()} okText={t('common.save')} cancelText={t('common.cancel')} okButtonProps={{ loading: busy }} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} disabled={busy}>
        {body}
      </Form>
    </Modal>
  );
}
