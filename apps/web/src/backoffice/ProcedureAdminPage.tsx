import { Alert, App, Button, DatePicker, Drawer, Form, Input, Modal, Space, Table, type TableColumnsType } from 'antd';
import { CheckCircleOutlined, EyeOutlined, PlusOutlined, SaveOutlined, StopOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { FieldError } from '@motcua/domain';
import { api, ApiError } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { applyProblem, clearErrors } from '../forms.ts';
import { formatDate, formatDateTime, todayVn, tomorrowVn } from '../format.ts';
import { LoadError, Loading } from '../components/status.tsx';
import { DemoCodeTag, VersionStatusTag } from '../components/tags.tsx';
import { ProcedureView } from '../components/ProcedureView.tsx';
import { ProcedureEditor, toFormValues, useContentBuilder, type EditorValues } from './ProcedureEditor.tsx';
import { useAuth, CATALOGUE_EDITORS } from './auth.tsx';
import { PROCEDURES } from './paths.ts';
import type { AdminProcedure, AdminVersion } from '../types.ts';

const stripContent = (f: string) => f.replace(/^content\./, '');

type DateAction = { kind: 'publish' | 'retire'; version: number };

export default function ProcedureAdminPage() {
  const { code = '' } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const canEdit = hasRole(...CATALOGUE_EDITORS);
  const proc = useLoad((signal) => api.get<AdminProcedure>(`/api/v1/admin/procedures/${encodeURIComponent(code)}`, undefined, { signal }), [code]);
  const [data, setData] = useState<AdminProcedure | null>(null);
  const p = data && data.code === code ? data : (proc.data ?? null);
  const latest = p?.versions.at(-1);
  const draft = p?.versions.find((v) => v.status === 'draft');
  useDocumentTitle(latest ? `${latest.content.name} (${code})` : code);

  const [form] = Form.useForm<EditorValues>();
  const build = useContentBuilder(form);
  const [busy, setBusy] = useState<string | null>(null);
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const [viewing, setViewing] = useState<AdminVersion | null>(null);
  const [dateAction, setDateAction] = useState<DateAction | null>(null);
  const [dateForm] = Form.useForm<{ date: Dayjs; note?: string }>();

  const base = `/api/v1/admin/procedures/${encodeURIComponent(code)}`;

  const newVersion = async () => {
    setBusy('new');
    try {
      const r = await api.post<AdminProcedure>(`${base}/versions`, {});
      setData(r);
      setUnmatched([]);
      void message.success(t('admin.versionCreated', { n: r.versions.at(-1)?.version ?? '' }));
    } catch (e) {
      applyProblem(null, e, { t, lang, message });
    } finally {
      setBusy(null);
    }
  };

  /** Save the draft; true when saved (or nothing to save). */
  const save = async (quietIfClean = false): Promise<boolean> => {
    if (!draft) return false;
    if (quietIfClean && !form.isFieldsTouched()) return true;
    const built = await build();
    if (!built) return false;
    setBusy('save');
    try {
      const r = await api.put<AdminProcedure>(`${base}/versions/${draft.version}`, built.content);
      setData(r);
      setUnmatched([]);
      const saved = r.versions.find((v) => v.version === draft.version);
      if (saved) form.setFieldsValue(toFormValues(saved.content) as never);
      void message.success(t('admin.draftSaved'));
      return true;
    } catch (e) {
      setUnmatched(applyProblem(form, e, { t, lang, message, rename: stripContent }));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const openDate = async (a: DateAction) => {
    if (a.kind === 'publish' && !(await save(true))) return;
    dateForm.setFieldsValue({ date: dayjs(a.kind === 'publish' ? tomorrowVn() : todayVn()) });
    setDateAction(a);
  };

  const confirmDate = async () => {
    if (!dateAction) return;
    let v: { date: Dayjs };
    clearErrors(dateForm);
    try {
      v = await dateForm.validateFields();
    } catch {
      return;
    }
    const date = v.date.format('YYYY-MM-DD');
    setBusy('date');
    try {
      const r =
        dateAction.kind === 'publish'
          ? await api.post<AdminProcedure>(`${base}/versions/${dateAction.version}/publish`, { effectiveFrom: date })
          : await api.post<AdminProcedure>(`${base}/versions/${dateAction.version}/retire`, { date });
      setData(r);
      setDateAction(null);
      void message.success(t(dateAction.kind === 'publish' ? 'admin.published' : 'admin.retired', { n: dateAction.version, date: formatDate(date) }));
    } catch (e) {
      applyProblem(dateForm, e, { t, lang, message, rename: (f) => (f === 'effectiveFrom' || f === 'date' ? 'date' : f) });
    } finally {
      setBusy(null);
    }
  };

  if (proc.loading && !p) return <Loading />;
  if (proc.error && !p) {
    return (
      <div className="bo-page">
        <h1>{code}</h1>
        <LoadError error={proc.error} onRetry={proc.reload} />
        {proc.error instanceof ApiError && (proc.error.status === 404 || proc.error.status === 403) ? <Link to={PROCEDURES}>{t('admin.backToList')}</Link> : null}
      </div>
    );
  }
  if (!p || !latest) return null;

  const columns: TableColumnsType<AdminVersion> = [
    { title: t('admin.version'), dataIndex: 'version', align: 'center' },
    { title: t('admin.status'), dataIndex: 'status', render: (s: AdminVersion['status']) => <VersionStatusTag status={s} /> },
    { title: t('admin.effectiveFrom'), dataIndex: 'effectiveFrom', render: (d: string | null) => formatDate(d) || '—' },
    { title: t('admin.effectiveTo'), dataIndex: 'effectiveTo', render: (d: string | null) => formatDate(d) || '—' },
    { title: t('admin.publishedAt'), dataIndex: 'publishedAt', render: (d: string | null) => formatDateTime(d, lang) || '—', responsive: ['md'] },
    {
      title: t('common.actions'),
      render: (_, v) => (
        <Space wrap size="small">
          <Button size="small" icon={<EyeOutlined aria-hidden />} onClick={() => setViewing(v)} aria-label={t('admin.viewVersion', { n: v.version })}>
            {t('common.view')}
          </Button>
          {canEdit && v.status === 'draft' ? (
            <Button size="small" type="primary" icon={<CheckCircleOutlined aria-hidden />} onClick={() => void openDate({ kind: 'publish', version: v.version })} aria-label={t('admin.publishVersion', { n: v.version })}>
              {t('admin.publish')}
            </Button>
          ) : null}
          {canEdit && v.status === 'published' ? (
            <Button size="small" danger icon={<StopOutlined aria-hidden />} onClick={() => void openDate({ kind: 'retire', version: v.version })} aria-label={t('admin.retireVersion', { n: v.version })}>
              {t('admin.retire')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const inForce = p.versions.some((v) => v.status === 'published' && v.effectiveFrom && v.effectiveFrom <= todayVn() && (!v.effectiveTo || v.effectiveTo >= todayVn()));

  return (
    <div className="bo-page">
      <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to={PROCEDURES}>{t('bo.menu.procedures')}</Link>
          </li>
          <li aria-current="page">{p.code}</li>
        </ol>
      </nav>
      <div className="page-head">
        <div>
          <p className="procedure-code">
            <span className="code">{p.code}</span> <DemoCodeTag official={p.codeIsOfficial} />
          </p>
          <h1>{latest.content.name}</h1>
        </div>
        <Space wrap>
          {inForce ? (
            <Link to={`/thu-tuc/${encodeURIComponent(p.code)}`} target="_blank" rel="noopener">
              {t('admin.viewOnPortal')}
            </Link>
          ) : null}
          {canEdit ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void newVersion()} loading={busy === 'new'} disabled={!!draft} aria-describedby={draft ? 'draft-exists' : undefined}>
              {t('admin.newVersion')}
            </Button>
          ) : null}
        </Space>
      </div>
      {draft && canEdit ? (
        <p id="draft-exists" className="muted-note">
          {t('admin.draftExists', { n: draft.version })}
        </p>
      ) : null}

      <section aria-labelledby="versions-title" className="bo-section">
        <h2 id="versions-title">{t('admin.versions')}</h2>
        <Table<AdminVersion> rowKey="version" size="middle" columns={columns} dataSource={[...p.versions].reverse()} pagination={false} scroll={{ x: 'max-content' }} data-testid="versions-table" />
      </section>

      {draft && canEdit ? (
        <section aria-labelledby="draft-title" className="bo-section">
          <h2 id="draft-title">{t('admin.editDraft', { n: draft.version })}</h2>
          <ProcedureEditor
            key={`${p.code}-${draft.version}`}
            form={form}
            initialValues={toFormValues(draft.content)}
            unmatched={unmatched}
            disabled={busy !== null}
            actions={
              <>
                <Button type="primary" icon={<SaveOutlined aria-hidden />} onClick={() => void save()} loading={busy === 'save'}>
                  {t('admin.saveDraft')}
                </Button>
                <Button icon={<CheckCircleOutlined aria-hidden />} onClick={() => void openDate({ kind: 'publish', version: draft.version })}>
                  {t('admin.saveAndPublish')}
                </Button>
              </>
            }
          />
        </section>
      ) : null}

      <Drawer open={!!viewing} onClose={() => setViewing(null)} width={Math.min(960, window.innerWidth)} title={viewing ? <h2 className="drawer-title">{t('admin.versionTitle', { n: viewing.version })}</h2> : null} destroyOnHidden>
        {viewing ? (
          <>
            <p>
              <VersionStatusTag status={viewing.status} /> {viewing.effectiveFrom ? t('admin.effectivePeriod', { from: formatDate(viewing.effectiveFrom), to: formatDate(viewing.effectiveTo) || '…' }) : null}
            </p>
            <h3 className="drawer-subtitle">{viewing.content.name}</h3>
            <ProcedureView code={p.code} codeIsOfficial={p.codeIsOfficial} content={viewing.content} templateLinks={false} level={3} />
          </>
        ) : null}
      </Drawer>

      <Modal
        open={!!dateAction}
        title={dateAction ? t(dateAction.kind === 'publish' ? 'admin.publishTitle' : 'admin.retireTitle', { n: dateAction.version }) : ''}
        onCancel={() => setDateAction(null)}
        onOk={() => void confirmDate()}
        okText={dateAction?.kind === 'publish' ? t('admin.publish') : t('admin.retire')}
        okButtonProps={{ loading: busy === 'date', danger: dateAction?.kind === 'retire' }}
        cancelText={t('common.cancel')}
        forceRender
      >
        {dateAction?.kind === 'publish' ? <Alert type="info" showIcon className="page-alert" message={t('admin.publishHint')} /> : <Alert type="warning" showIcon className="page-alert" message={t('admin.retireHint')} />}
        <Form form={dateForm} layout="vertical">
          <Form.Item name="date" label={dateAction?.kind === 'publish' ? t('admin.effectiveFrom') : t('admin.retireDate')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" hidden>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
