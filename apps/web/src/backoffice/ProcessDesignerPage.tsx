import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Table, Tag, message } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { OFFICER_ROLES, ROLE_LABELS, type FieldError } from '@motcua/domain';
import { defaultProcess, STAGE_LABELS, STEP_STAGES, type ProcessDefinition, type ProcessStep, type StepStage } from '@motcua/domain/dossier/process.ts';
import { api, ApiError, enc } from '../api.ts';
import { useAgencies, useLoad } from '../hooks.ts';
import { fieldMessage, problemText } from '../forms.ts';
import { formatDateTime } from '../format.ts';
import { useDocumentTitle, useI18n, type MessageKey } from '../i18n.ts';
import { UnplacedErrors } from '../components/UnplacedErrors.tsx';
import type { Paged, ProcedureSummary } from '../types.ts';
import { useAuth } from './auth.tsx';
import { actionLabel } from './desk/ActionForm.tsx';

interface ProcessView {
  id: string;
  agencyCode: string;
  procedureCode: string;
  caseCode: string;
  version: number;
  status: string;
  definition: ProcessDefinition;
  publishedAt: string | null;
  warnings: FieldError[];
}

/** What a step of each stage lets its holder do (mirrors availableActions in the domain lifecycle). */
const STAGE_ACTIONS: Record<StepStage, string[]> = {
  reception: ['forward'],
  processing: ['forward', 'return-to-previous', 'hand-to-colleague', 'consult', 'schedule-verification', 'send-to-agencies', 'request-supplement', 'apologize', 'refuse-resolution', 'stop'],
  review: ['approve', 'reject-draft', 'apologize'],
  signing: ['sign', 'reject-draft', 'apologize'],
  return: ['return-result'],
};

/**
 * A flow diagram drawn from the steps themselves (no diagram library): one box per step, the
 * main path (next) as solid arrows, the way back of a rejected draft (rejectTo) as dashed ones.
 */
function FlowDiagram({ def, errorSteps, title }: { def: ProcessDefinition; errorSteps: Set<number>; title: string }) {
  const { pick } = useI18n();
  const W = 300;
  const H = 46;
  const GAP = 26;
  const X = 60;
  const idx = new Map(def.steps.map((s, i) => [s.code, i]));
  const y = (i: number) => 10 + i * (H + GAP);
  const height = y(def.steps.length) + 10;
  return (
    <svg viewBox={`0 0 ${X * 2 + W} ${height}`} className="flow-svg" role="img" aria-label={title}>
      <defs>
        <marker id="arr" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="#1f1f1f" />
        </marker>
      </defs>
      {def.steps.map((s, i) => {
        const n = s.next ? idx.get(s.next) : undefined;
        const r = s.rejectTo ? idx.get(s.rejectTo) : undefined;
        return (
          <g key={`e${i}`}>
            {n !== undefined ? (
              n === i + 1 ? (
                <line x1={X + W / 2} y1={y(i) + H} x2={X + W / 2} y2={y(n) - 2} stroke="#1f1f1f" strokeWidth="1.5" markerEnd="url(#arr)" />
              ) : (
                <path d={`M${X + W},${y(i) + H / 2} C${X + W + 50},${y(i) + H / 2} ${X + W + 50},${y(n) + H / 2} ${X + W + 2},${y(n) + H / 2}`} fill="none" stroke="#1f1f1f" strokeWidth="1.5" markerEnd="url(#arr)" />
              )
            ) : null}
            {r !== undefined ? <path d={`M${X},${y(i) + H / 2} C${X - 50},${y(i) + H / 2} ${X - 50},${y(r) + H / 2} ${X - 2},${y(r) + H / 2}`} fill="none" stroke="#a8071a" strokeDasharray="5 4" strokeWidth="1.5" markerEnd="url(#arr)" /> : null}
          </g>
        );
      })}
      {def.steps.map((s, i) => (
        <g key={s.code + i}>
          <rect x={X} y={y(i)} width={W} height={H} rx="6" fill={errorSteps.has(i) ? '#fff1f0' : s.stage === 'reception' || s.stage === 'return' ? '#e6f4ff' : '#fafafa'} stroke={errorSteps.has(i) ? '#a8071a' : '#595959'} strokeWidth={errorSteps.has(i) ? 2 : 1} />
          <text x={X + 10} y={y(i) + 19} fontSize="13" fontWeight="600" fill="#1f1f1f">
            {`${s.code} · ${s.name}`.slice(0, 40)}
          </text>
          <text x={X + 10} y={y(i) + 37} fontSize="12" fill="#434343">
            {`${pick(STAGE_LABELS[s.stage])} · ${s.role}${s.departmentCode ? ` / ${s.departmentCode}` : ''} · ${s.budgetHours} h`.slice(0, 48)}
          </text>
        </g>
      ))}
    </svg>
  );
}

/**
 * Process designer (thiết lập quy trình điện tử) [003 Art. 22; SPEC §7]: per agency, procedure and
 * case — ordered steps with role, department, group or person, time budget, the next step and
 * where a rejected draft goes; versions, server validation shown on the offending step, publish.
 */
export default function ProcessDesignerPage() {
  const { t, lang, pick, localized } = useI18n();
  useDocumentTitle(t('desk.pd.title'));
  const { me, hasRole } = useAuth();
  const [msg, ctx] = message.useMessage();
  const all = useAgencies();
  const own = useMemo(() => [...new Set((me?.roles ?? []).filter((r) => ['agency_admin', 'system_admin', 'controller'].includes(r.role)).map((r) => r.agencyCode))], [me]);
  const agencyOptions = hasRole('system_admin') ? (all.data ?? []).map((a) => ({ value: a.code, label: `${localized(a.name, a.nameEn)} (${a.code})` })) : own.map((c) => ({ value: c, label: c }));
  const [agency, setAgency] = useState<string | undefined>(own[0]);
  const [procedure, setProcedure] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const procs = useLoad((signal) => (agency ? api.get<Paged<ProcedureSummary>>('/api/v1/procedures', { agency, q, pageSize: 100 }, { signal }) : Promise.resolve({ items: [], total: 0 })), [agency, q]);
  const versions = useLoad((signal) => (agency && procedure ? api.get<{ items: ProcessView[] }>('/api/v1/admin/processes', { agency, procedure }, { signal }).then((r) => r.items) : Promise.resolve([])), [agency, procedure]);
  const depts = useLoad((signal) => (agency ? api.get<{ items: { code: string; name: string; nameEn?: string | null }[] }>(`/api/v1/agencies/${enc(agency)}/departments`, undefined, { signal }).then((r) => r.items) : Promise.resolve([])), [agency]);
  const [editing, setEditing] = useState<{ id: string | null; caseCode: string; def: ProcessDefinition; status: string } | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [warnings, setWarnings] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const canEdit = hasRole('agency_admin', 'system_admin');
  const summary = procs.data?.items.find((p) => p.code === procedure);

  useEffect(() => {
    setEditing(null);
    setErrors([]);
    setWarnings([]);
  }, [agency, procedure]);

  const startNew = (from?: ProcessView) => {
    const tl = summary?.timeLimit;
    const hours = tl ? (tl.unit === 'working-days' ? tl.value * 8 : tl.value) : 8;
    setEditing({ id: null, caseCode: from?.caseCode ?? '', def: structuredClone(from?.definition ?? defaultProcess(hours)), status: 'draft' });
    setErrors([]);
    setWarnings([]);
  };
  const setStep = (i: number, patch: Partial<ProcessStep>) => setEditing((e) => (e ? { ...e, def: { ...e.def, steps: e.def.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) } } : e));
  const move = (i: number, d: -1 | 1) =>
    setEditing((e) => {
      if (!e) return e;
      const steps = [...e.def.steps];
      const [s] = steps.splice(i, 1);
      steps.splice(i + d, 0, s!);
      return { ...e, def: { ...e.def, steps } };
    });

  const stepErrors = (i: number, field?: string) => errors.filter((e) => (field ? e.field === `definition.steps.${i}.${field}` : e.field.startsWith(`definition.steps.${i}.`) || e.field === `definition.steps.${i}`));
  const errorSteps = new Set(errors.map((e) => /^definition\.steps\.(\d+)/.exec(e.field)?.[1]).filter(Boolean).map(Number));
  const unplaced = errors.filter((e) => !/^definition\.steps\.\d+/.test(e.field));

  const call = async (fn: () => Promise<ProcessView | { errors: FieldError[]; warnings: FieldError[] }>, done: string) => {
    setBusy(true);
    try {
      const r = await fn();
      if ('id' in r) {
        setEditing({ id: r.id, caseCode: r.caseCode, def: r.definition, status: r.status });
        setWarnings(r.warnings);
        setErrors([]);
        versions.reload();
      } else {
        setErrors(r.errors);
        setWarnings(r.warnings);
      }
      void msg.success(done);
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length) setErrors(e.fieldErrors.map((f) => (f.field.startsWith('definition') || f.field === 'procedureCode' || f.field === 'agencyCode' || f.field === 'caseCode' ? f : { ...f, field: `definition.${f.field}` })));
      void msg.error(problemText(e, t));
    } finally {
      setBusy(false);
    }
  };
  const body = () => ({ agencyCode: agency!, procedureCode: procedure!, ...(editing!.caseCode ? { caseCode: editing!.caseCode } : {}), definition: editing!.def });
  const validate = () => call(() => api.post('/api/v1/admin/processes/validate', body()), t('desk.pd.checked'));
  const save = () => call(() => (editing!.id ? api.put<ProcessView>(`/api/v1/admin/processes/${editing!.id}`, { definition: editing!.def }) : api.post<ProcessView>('/api/v1/admin/processes', body())), t('common.saved'));
  const publish = () => call(() => api.post<ProcessView>(`/api/v1/admin/processes/${editing!.id}/publish`), t('desk.pd.published'));

  const readOnly = !canEdit || (editing?.status ?? 'draft') !== 'draft';
  const codes = editing?.def.steps.map((s) => ({ value: s.code, label: s.code })) ?? [];
  const errText = (i: number, f: string) => stepErrors(i, f).map((e) => fieldMessage(e, lang)).join('; ');

  return (
    <div className="bo-page desk-page">
      {ctx}
      <h1>{t('desk.pd.title')}</h1>
      <Form layout="inline" className="desk-filters">
        <Form.Item label={t('desk.rc.agency')} htmlFor="pd-agency">
          <Select id="pd-agency" className="w-320" showSearch optionFilterProp="label" value={agency} onChange={(v) => (setAgency(v), setProcedure(undefined))} options={agencyOptions} />
        </Form.Item>
        <Form.Item label={t('desk.rc.procedureField')} htmlFor="pd-procedure">
          <Select id="pd-procedure" className="w-320" showSearch filterOption={false} onSearch={setQ} value={procedure} onChange={setProcedure} loading={procs.loading} options={(procs.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` }))} />
        </Form.Item>
      </Form>
      {procedure ? (
        <Card size="small" className="ws-card" title={<h2 className="card-h">{t('desk.pd.versions')}</h2>}>
          <Table<ProcessView>
            size="small"
            rowKey="id"
            pagination={false}
            loading={versions.loading}
            dataSource={versions.data ?? []}
            locale={{ emptyText: t('desk.pd.none') }}
            columns={[
              { title: t('desk.pd.version'), dataIndex: 'version' },
              { title: t('desk.rc.case'), dataIndex: 'caseCode', render: (v: string) => v || t('desk.pd.allCases') },
              { title: t('desk.col.status'), dataIndex: 'status', render: (v: string) => <Tag>{t(`desk.pd.status.${v}` as MessageKey)}</Tag> },
              { title: t('desk.pd.publishedAt'), dataIndex: 'publishedAt', responsive: ['md'], render: (v: string | null) => formatDateTime(v, lang) || '—' },
              {
                title: t('common.actions'),
                key: 'a',
                render: (_: unknown, r) => (
                  <Space wrap>
                    <Button size="small" onClick={() => (setEditing({ id: r.id, caseCode: r.caseCode, def: structuredClone(r.definition), status: r.status }), setErrors([]), setWarnings(r.warnings))}>
                      {r.status === 'draft' && canEdit ? t('common.edit') : t('common.view')}
                    </Button>
                    {canEdit && r.status !== 'draft' ? (
                      <Button size="small" onClick={() => startNew(r)}>
                        {t('desk.pd.newFrom')}
                      </Button>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
          {canEdit ? (
            <Button className="mt-8" icon={<PlusOutlined aria-hidden />} onClick={() => startNew()}>
              {t('desk.pd.new')}
            </Button>
          ) : null}
        </Card>
      ) : (
        <p className="muted">{t('desk.pd.choose')}</p>
      )}
      {editing ? (
        <Row gutter={[16, 16]} className="ws-card">
          <Col xs={24} xxl={17}>
            <Card size="small" title={<h2 className="card-h">{t('desk.pd.steps')}</h2>}>
              <Space wrap className="pd-head">
                <label>
                  {t('desk.pd.name')}{' '}
                  <Input className="w-320" value={editing.def.name} disabled={readOnly} onChange={(e) => setEditing({ ...editing, def: { ...editing.def, name: e.target.value } })} />
                </label>
                {!editing.id ? (
                  <label>
                    {t('desk.rc.case')}{' '}
                    <Input className="w-140" value={editing.caseCode} placeholder={t('desk.pd.allCases')} onChange={(e) => setEditing({ ...editing, caseCode: e.target.value.trim() })} />
                  </label>
                ) : null}
              </Space>
              <div className="table-scroll">
                <table className="pd-table">
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">{t('desk.pd.code')}</th>
                      <th scope="col">{t('desk.pd.stepName')}</th>
                      <th scope="col">{t('desk.pd.stage')}</th>
                      <th scope="col">{t('desk.pd.role')}</th>
                      <th scope="col">{t('desk.pd.department')}</th>
                      <th scope="col">{t('desk.pd.assignment')}</th>
                      <th scope="col">{t('desk.pd.budget')}</th>
                      <th scope="col">{t('desk.pd.next')}</th>
                      <th scope="col">{t('desk.pd.rejectTo')}</th>
                      <th scope="col">{t('desk.pd.allowed')}</th>
                      <th scope="col">{t('common.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {editing.def.steps.map((s, i) => {
                      const cell = (f: string, node: React.ReactNode) => (
                        <td className={errText(i, f) ? 'pd-err' : undefined}>
                          {node}
                          {errText(i, f) ? (
                            <div className="pd-err-text" role="alert">
                              {errText(i, f)}
                            </div>
                          ) : null}
                        </td>
                      );
                      const lbl = (f: MessageKey) => `${t(f)} — ${t('desk.pd.stepN', { n: i + 1 })}`;
                      return (
                        <tr key={i} className={errorSteps.has(i) ? 'pd-row-err' : undefined} data-testid={`step-${i}`}>
                          <td>{i + 1}</td>
                          {cell('code', <Input aria-label={lbl('desk.pd.code')} className="w-80" value={s.code} disabled={readOnly} onChange={(e) => setStep(i, { code: e.target.value })} />)}
                          {cell('name', <Input aria-label={lbl('desk.pd.stepName')} className="w-180" value={s.name} disabled={readOnly} onChange={(e) => setStep(i, { name: e.target.value })} />)}
                          {cell('stage', <Select aria-label={lbl('desk.pd.stage')} className="w-140" value={s.stage} disabled={readOnly} onChange={(v) => setStep(i, { stage: v })} options={STEP_STAGES.map((st) => ({ value: st, label: pick(STAGE_LABELS[st]) }))} />)}
                          {cell('role', <Select aria-label={lbl('desk.pd.role')} className="w-140" value={s.role} disabled={readOnly} onChange={(v) => setStep(i, { role: v })} options={OFFICER_ROLES.map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))} />)}
                          {cell(
                            'departmentCode',
                            <Select aria-label={lbl('desk.pd.department')} className="w-180" allowClear value={s.departmentCode ?? undefined} disabled={readOnly} onChange={(v) => setStep(i, { departmentCode: v ?? null })} options={(depts.data ?? []).map((d) => ({ value: d.code, label: localized(d.name, d.nameEn) }))} />,
                          )}
                          {cell(
                            'assignment',
                            <Select
                              aria-label={lbl('desk.pd.assignment')}
                              className="w-120"
                              value={s.assignment}
                              disabled={readOnly}
                              onChange={(v) => setStep(i, { assignment: v })}
                              options={[
                                { value: 'group', label: t('desk.pd.group') },
                                { value: 'person', label: t('desk.pd.person') },
                              ]}
                            />,
                          )}
                          {cell('budgetHours', <InputNumber aria-label={lbl('desk.pd.budget')} min={0} max={2920} step={0.5} value={s.budgetHours} disabled={readOnly} onChange={(v) => setStep(i, { budgetHours: Number(v ?? 0) })} />)}
                          {cell('next', <Select aria-label={lbl('desk.pd.next')} className="w-100" allowClear value={s.next ?? undefined} disabled={readOnly} onChange={(v) => setStep(i, { next: v ?? null })} options={codes} />)}
                          {cell('rejectTo', <Select aria-label={lbl('desk.pd.rejectTo')} className="w-100" allowClear value={s.rejectTo ?? undefined} disabled={readOnly} onChange={(v) => setStep(i, { rejectTo: v ?? null })} options={codes} />)}
                          <td className="small">{STAGE_ACTIONS[s.stage].map((a) => t(actionLabel(a))).join(', ')}</td>
                          <td>
                            {!readOnly ? (
                              <Space size={0}>
                                <Button size="small" type="text" icon={<ArrowUpOutlined aria-hidden />} aria-label={t('desk.pd.up', { n: i + 1 })} disabled={i === 0} onClick={() => move(i, -1)} />
                                <Button size="small" type="text" icon={<ArrowDownOutlined aria-hidden />} aria-label={t('desk.pd.down', { n: i + 1 })} disabled={i === editing.def.steps.length - 1} onClick={() => move(i, 1)} />
                                <Button size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('desk.pd.remove', { n: i + 1 })} onClick={() => setEditing({ ...editing, def: { ...editing.def, steps: editing.def.steps.filter((_, j) => j !== i) } })} />
                              </Space>
                            ) : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {!readOnly ? (
                <Button
                  className="mt-8"
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => {
                    const steps = [...editing.def.steps];
                    steps.splice(Math.max(steps.length - 1, 0), 0, { code: `B${steps.length}`, name: '', stage: 'processing', role: 'specialist', departmentCode: null, budgetHours: 8, assignment: 'group', next: null });
                    setEditing({ ...editing, def: { ...editing.def, steps } });
                  }}
                >
                  {t('desk.pd.addStep')}
                </Button>
              ) : null}
              <UnplacedErrors errors={unplaced} className="page-alert" />
              {warnings.length ? <Alert type="warning" showIcon className="page-alert" message={t('desk.pd.warnings')} description={<ul className="plain-list">{warnings.map((w, i) => <li key={i}>{fieldMessage(w, lang)}</li>)}</ul>} /> : null}
              {canEdit ? (
                <Space wrap className="mt-8">
                  <Button onClick={() => void validate()} loading={busy}>
                    {t('desk.pd.validate')}
                  </Button>
                  {!readOnly ? (
                    <Button type="primary" onClick={() => void save()} loading={busy}>
                      {t('desk.pd.saveDraft')}
                    </Button>
                  ) : null}
                  {editing.id && editing.status === 'draft' ? (
                    <Button type="primary" onClick={() => void publish()} loading={busy}>
                      {t('desk.pd.publish')}
                    </Button>
                  ) : null}
                </Space>
              ) : null}
            </Card>
          </Col>
          <Col xs={24} xxl={7}>
            <Card size="small" title={<h2 className="card-h">{t('desk.pd.diagram')}</h2>}>
              <FlowDiagram def={editing.def} errorSteps={errorSteps} title={t('desk.pd.diagramAlt', { name: editing.def.name, n: editing.def.steps.length })} />
            </Card>
          </Col>
        </Row>
      ) : null}
    </div>
  );
}
