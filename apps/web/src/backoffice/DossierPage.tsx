import { Alert, Button, Card, Col, Descriptions, Empty, Modal, Row, Space, Table, Tag, Timeline, message } from 'antd';
import { EyeOutlined, FileOutlined } from '@ant-design/icons';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, enc } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { formatDateTime } from '../format.ts';
import { useDocumentTitle, useI18n, type MessageKey } from '../i18n.ts';
import { LoadError, Loading } from '../components/status.tsx';
import type { ProcedureDetail } from '../types.ts';
import { ActionForm, actionLabel, DANGER } from './desk/ActionForm.tsx';
import { HandoverClock, maskId, WarningLabel } from './desk/common.tsx';
import type { Assignee, DossierEventRow, DossierView } from './desk/types.ts';
import { worklistPath } from './paths.ts';
import { useAuth } from './auth.tsx';
import { SignatureStatus, SignResultButton, SlipsCard } from './desk/documents.tsx';
import { ClocksCard } from './desk/ClocksCard.tsx';
import { formatVnd } from '../format.ts';

const EFormFields = lazy(() => import('./desk/EFormFields.tsx'));

/** Which actions need a person to be chosen (the assignee list is loaded only for them). */
const NEEDS_PEOPLE = new Set(['assign', 'hand-to-colleague', 'forward']);

function FilePreview({ fileId, name }: { fileId: string; name: string }) {
  const { t } = useI18n();
  const meta = useLoad((signal) => fetch(`/api/v1/files/${enc(fileId)}?inline=1`, { method: 'HEAD', credentials: 'same-origin', signal }).then((r) => r.headers.get('content-type') ?? ''), [fileId]);
  const url = `/api/v1/files/${enc(fileId)}?inline=1`;
  const type = meta.data ?? '';
  if (meta.loading) return <Loading />;
  if (type.startsWith('image/')) return <img src={url} alt={name} className="file-preview-img" />;
  if (type === 'application/pdf')
    return (
      <object data={url} type="application/pdf" className="file-preview-pdf" aria-label={name}>
        <a href={url}>{t('desk.file.open')}</a>
      </object>
    );
  return <a href={`/api/v1/files/${enc(fileId)}`}>{t('desk.file.download')}</a>;
}

/**
 * The dossier workspace (không gian xử lý hồ sơ): everything about one dossier and ONLY the actions
 * this officer may take now (the server's `availableActions`), each with the form of its body.
 */
export default function DossierPage() {
  const { id = '' } = useParams();
  const { t, lang, pick } = useI18n();
  const [msg, ctx] = message.useMessage();
  const { hasRole } = useAuth();
  const d = useLoad((signal) => api.get<DossierView>(`/api/v1/dossiers/${enc(id)}`, undefined, { signal }), [id]);
  const events = useLoad((signal) => api.get<{ items: DossierEventRow[] }>(`/api/v1/dossiers/${enc(id)}/events`, undefined, { signal }), [id, d.data?.availableActions.join()]);
  const dossier = d.data;
  const proc = useLoad((signal) => (dossier ? api.get<ProcedureDetail>(`/api/v1/procedures/${enc(dossier.procedure.code)}`, undefined, { signal, quiet: true }).catch(() => null) : Promise.resolve(null)), [dossier?.procedure.code]);
  const needsPeople = !!dossier?.availableActions.some((a) => NEEDS_PEOPLE.has(a));
  const people = useLoad((signal) => (needsPeople ? api.get<{ items: Assignee[] }>(`/api/v1/dossiers/${enc(id)}/assignees`, undefined, { signal, quiet: true }).then((r) => r.items) : Promise.resolve([])), [id, needsPeople]);
  const [action, setAction] = useState<string | null>(null);
  const [showId, setShowId] = useState(false);
  const [preview, setPreview] = useState<{ fileId: string; name: string } | null>(null);
  useDocumentTitle(dossier ? t('desk.ws.title', { code: dossier.code ?? t('desk.noCode') }) : t('desk.ws.loading'));

  if (d.loading && !dossier) return <Loading />;
  if (d.error || !dossier) return <div className="bo-page">{d.error ? <LoadError error={d.error} onRetry={d.reload} /> : null}</div>;

  const act = async (body: Record<string, unknown>) => {
    await api.post<DossierView>(`/api/v1/dossiers/${enc(id)}/actions`, body);
    void msg.success(t('desk.ws.done', { action: t(actionLabel(String(body.type))) }));
    setAction(null);
    d.reload();
  };

  const a = dossier.applicant;
  const theCase = proc.data?.content.cases.find((c) => c.code === dossier.caseCode);
  const componentName = (code: string | null) => theCase?.components.find((c) => c.code === code)?.name ?? code ?? '';
  // Drafted results have their own card (below); the components table lists the dossier's documents.
  const current = dossier.files.filter((f) => !f.supersededAt && f.kind !== 'draft');
  const drafts = dossier.phase === 'processing' ? (dossier.draftResults ?? []) : [];
  const primary = dossier.availableActions.filter((x) => !DANGER.has(x));
  const danger = dossier.availableActions.filter((x) => DANGER.has(x));

  return (
    <div className="bo-page desk-page">
      {ctx}
      <p>
        <Link to={worklistPath('mine')}>{t('desk.ws.back')}</Link>
      </p>
      <h1>
        {t('desk.ws.heading')} <span className="mono">{dossier.code ?? t('desk.noCode')}</span>
      </h1>
      <p className="lead">{dossier.procedure.name}</p>
      <Space wrap className="ws-status">
        <Tag>{pick(dossier.exchangeStatus.label)}</Tag>
        {dossier.step ? <Tag>{t('desk.ws.step', { step: dossier.step.name })}</Tag> : null}
        <WarningLabel warning={dossier.warning} />
        {dossier.backfilled ? <Tag className="warn-tag warn-soon">{t('desk.ws.backfilled')}</Tag> : null}
      </Space>

      <section aria-labelledby="ws-actions" className="ws-actions">
        <h2 id="ws-actions">{t('desk.ws.actions')}</h2>
        {dossier.availableActions.length === 0 ? (
          <p className="muted">{t('desk.ws.noActions')}</p>
        ) : (
          <Space wrap>
            {primary.map((x) => (
              <Button key={x} type={x === primary[0] ? 'primary' : 'default'} onClick={() => setAction(x)}>
                {t(actionLabel(x))}
              </Button>
            ))}
            {danger.map((x) => (
              <Button key={x} danger onClick={() => setAction(x)}>
                {t(actionLabel(x))}
              </Button>
            ))}
          </Space>
        )}
      </section>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={<h2 className="card-h">{t('desk.ws.dossier')}</h2>} size="small">
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
              <Descriptions.Item label={t('desk.ws.agency')}>{dossier.agency.name}</Descriptions.Item>
              <Descriptions.Item label={t('desk.col.channel')}>{t(`desk.channel.${dossier.channel}` as MessageKey)}</Descriptions.Item>
              <Descriptions.Item label={t('desk.ws.submittedAt')}>{formatDateTime(dossier.submittedAt, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('desk.ws.acceptedAt')}>{formatDateTime(dossier.acceptedAt, lang) || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('desk.ws.deadline')}>{formatDateTime(dossier.deadline, lang) || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('desk.col.appointment')}>{formatDateTime(dossier.appointment, lang) || '—'}</Descriptions.Item>
              {dossier.handoverDue ? (
                <Descriptions.Item label={t('desk.col.handover')}>
                  <HandoverClock due={dossier.handoverDue} warning={dossier.handoverWarning} lang={lang} />
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('desk.ws.holder')}>
                {dossier.holder ? (dossier.holder.kind === 'user' ? (dossier.holder.name ?? t('desk.ws.onePerson')) : t('desk.ws.group', { role: dossier.holder.role, dept: dossier.holder.departmentCode ?? '' })) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('desk.ws.resultChannel')}>{t(`desk.resultChannel.${dossier.resultChannel}` as MessageKey)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={<h2 className="card-h">{t('desk.ws.applicant')}</h2>} size="small" className="ws-card">
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
              <Descriptions.Item label={t('desk.rc.fullName')}>{a.fullName}</Descriptions.Item>
              <Descriptions.Item label={t('desk.rc.idNumber')}>
                <span className="mono" data-testid="applicant-id">
                  {showId ? a.idNumber : maskId(a.idNumber)}
                </span>{' '}
                {a.idNumber ? (
                  <Button size="small" type="link" icon={<EyeOutlined aria-hidden />} aria-pressed={showId} onClick={() => setShowId((s) => !s)}>
                    {showId ? t('desk.ws.hideId') : t('desk.ws.showId')}
                  </Button>
                ) : null}
              </Descriptions.Item>
              {a.organisationName ? <Descriptions.Item label={t('desk.rc.organisation')}>{a.organisationName}</Descriptions.Item> : null}
              <Descriptions.Item label={t('desk.rc.phone')}>{a.phone ? (showId ? a.phone : maskId(a.phone)) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('desk.rc.email')}>{a.email ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('desk.rc.address')}>{a.address ? (showId ? a.address : t('desk.ws.hidden')) : '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={<h2 className="card-h">{t('desk.ws.components')}</h2>} size="small" className="ws-card">
            {Object.keys(dossier.forms ?? {}).length === 0 && current.length === 0 ? <Empty description={t('desk.ws.noComponents')} /> : null}
            {Object.entries(dossier.forms ?? {}).map(([code, data]) => {
              const form = theCase?.components.find((c) => c.code === code)?.form;
              return (
                <section key={code} className="ws-form">
                  <h3>{componentName(code)}</h3>
                  {form ? (
                    <Suspense fallback={<Loading />}>
                      <EFormFields schema={form.schema} uiSchema={form.uiSchema} value={data} readonly />
                    </Suspense>
                  ) : (
                    <pre className="ws-json">{JSON.stringify(data, null, 2)}</pre>
                  )}
                </section>
              );
            })}
            {current.length ? (
              <Table
                size="small"
                rowKey="fileId"
                pagination={false}
                dataSource={current}
                columns={[
                  { title: t('desk.ws.component'), dataIndex: 'componentCode', render: (v: string | null, r) => (r.kind === 'result' ? t('desk.ws.resultFile') : componentName(v)) },
                  { title: t('desk.ws.fileKind'), dataIndex: 'kind', responsive: ['sm'], render: (v: string) => t(`desk.fileKind.${v}` as MessageKey) },
                  { title: t('desk.ws.addedAt'), dataIndex: 'addedAt', responsive: ['md'], render: (v: string) => formatDateTime(v, lang) },
                  { title: t('doc.sig.col'), key: 'sig', render: (_: unknown, r) => <SignatureStatus fileId={r.fileId} /> },
                  {
                    title: t('common.actions'),
                    key: 'a',
                    render: (_: unknown, r) => (
                      <Space wrap size="small">
                        <Button size="small" icon={<FileOutlined aria-hidden />} onClick={() => setPreview({ fileId: r.fileId, name: componentName(r.componentCode) })}>
                          {t('desk.file.preview')}
                        </Button>
                        <a className="doc-links" href={`/api/v1/files/${enc(r.fileId)}`} data-testid={`download-${r.fileId}`}>
                          {t('doc.download')}
                        </a>
                      </Space>
                    ),
                  },
                ]}
              />
            ) : null}
          </Card>
          {drafts.length ? (
            <Card title={<h2 className="card-h">{t('desk.ws.draft')}</h2>} size="small" className="ws-card" data-testid="draft-card">
              <ul className="plain-list doc-links">
                {drafts.map((f) => (
                  <li key={f.fileId}>
                    {f.name}{' '}
                    <Button size="small" icon={<FileOutlined aria-hidden />} onClick={() => setPreview({ fileId: f.fileId, name: f.name })}>
                      {t('desk.file.preview')}
                    </Button>{' '}
                    <a href={`/api/v1/files/${enc(f.fileId)}`}>{t('desk.file.download')}</a> <SignatureStatus fileId={f.fileId} />
                    <div className="muted">{t('desk.ws.draftBy', { name: f.byName ?? '', at: formatDateTime(f.at, lang) })}</div>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          {dossier.results.length ? (
            <Card title={<h2 className="card-h">{t('desk.ws.results')}</h2>} size="small" className="ws-card">
              <ul className="plain-list doc-links">
                {dossier.results.map((r) => (
                  <li key={r.n}>
                    <span className="mono">{r.code}</span> — {r.name} {r.fileId ? <a href={`/api/v1/files/${enc(r.fileId)}`}>{t('desk.file.download')}</a> : <span className="muted">{t('desk.ws.paperResult')}</span>}{' '}
                    {r.fileId && hasRole('leader') ? (
                      <SignResultButton
                        dossierId={dossier.id}
                        n={r.n}
                        name={r.name}
                        onSigned={() => {
                          void msg.success(t('doc.sign.done'));
                          d.reload();
                        }}
                        onError={(e) => void msg.error(e instanceof Error ? e.message : String(e))}
                      />
                    ) : null}
                    {r.fileId ? <SignatureStatus fileId={r.fileId} /> : null}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          <SlipsCard dossierId={dossier.id} version={`${dossier.phase}:${events.data?.items.length ?? 0}`} />
        </Col>
        <Col xs={24} xl={10}>
          {dossier.missing.length ? (
            <Alert type="warning" showIcon className="page-alert" message={t('desk.ws.missing')} description={<ul className="plain-list">{dossier.missing.map((m, i) => <li key={i}>{m}</li>)}</ul>} />
          ) : null}
          {dossier.clocks ? <ClocksCard clocks={dossier.clocks} /> : null}
          {dossier.feesDue > 0 || dossier.payments.length ? (
            <Card title={<h2 className="card-h">{t('desk.ws.fees')}</h2>} size="small" className="ws-card" data-testid="fees-card">
              <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
                <Descriptions.Item label={t('desk.ws.feesDue')}>{formatVnd(dossier.feesDue)}</Descriptions.Item>
                <Descriptions.Item label={t('desk.ws.feesPaid')}>
                  <span data-testid="fees-paid">{formatVnd(dossier.feesPaid)}</span>
                </Descriptions.Item>
              </Descriptions>
              {dossier.payments.length ? (
                <Table
                  size="small"
                  rowKey="receiptNumber"
                  pagination={false}
                  dataSource={dossier.payments}
                  columns={[
                    { title: t('desk.form.receiptNumber'), dataIndex: 'receiptNumber', render: (v: string) => <span className="mono">{v}</span> },
                    { title: t('desk.form.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => formatVnd(v) },
                    { title: t('desk.form.payMethod'), dataIndex: 'method', responsive: ['sm'], render: (v: string) => t(`desk.payMethod.${v}` as MessageKey) },
                    { title: t('desk.ws.paidAt'), dataIndex: 'paidAt', render: (v: string) => formatDateTime(v, lang) },
                  ]}
                />
              ) : (
                <p className="muted">{t('desk.ws.noPayments')}</p>
              )}
            </Card>
          ) : null}
          {dossier.tasks.length ? (
            <Card title={<h2 className="card-h">{t('desk.ws.tasks')}</h2>} size="small" className="ws-card">
              <ul className="plain-list">
                {dossier.tasks.map((x) => (
                  <li key={x.id}>
                    <strong>{x.agencyCode}</strong>: {x.task} — {x.completedAt ? t('desk.ws.taskDone', { at: formatDateTime(x.completedAt, lang), result: x.result ?? '' }) : t('desk.ws.taskDue', { at: formatDateTime(x.deadline, lang) })}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          {dossier.consultations.length ? (
            <Card title={<h2 className="card-h">{t('desk.ws.consultations')}</h2>} size="small" className="ws-card">
              <ul className="plain-list">
                {dossier.consultations.map((c) => (
                  <li key={c.id}>
                    <strong>{c.agencyCode}</strong>: {c.question} — {c.answeredAt ? t('desk.ws.answered', { at: formatDateTime(c.answeredAt, lang), answer: c.answer ?? '' }) : t('desk.ws.replyBy', { at: formatDateTime(c.replyBy, lang) })}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          {dossier.verifications.length ? (
            <Card title={<h2 className="card-h">{t('desk.ws.verifications')}</h2>} size="small" className="ws-card">
              <ul className="plain-list">
                {dossier.verifications.map((v, i) => (
                  <li key={i}>
                    {formatDateTime(v.when, lang)} · {v.place} · {v.participants.join(', ')} — {v.content}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          <Card title={<h2 className="card-h">{t('desk.ws.timeline')}</h2>} size="small" className="ws-card">
            {events.data ? (
              <Timeline
                items={events.data.items.map((e) => ({
                  key: e.seq,
                  children: (
                    <div>
                      <strong>{t(`desk.event.${e.type}` as MessageKey)}</strong> <span className="muted small">{formatDateTime(e.at, lang)}</span>
                      {e.recordedAt !== e.at && Math.abs(new Date(e.recordedAt).getTime() - new Date(e.at).getTime()) > 60_000 ? <div className="muted small">{t('desk.ws.recordedAt', { at: formatDateTime(e.recordedAt, lang) })}</div> : null}
                      {eventDetail(e) ? <div className="small">{eventDetail(e)}</div> : null}
                    </div>
                  ),
                }))}
              />
            ) : events.error ? (
              <LoadError error={events.error} onRetry={events.reload} />
            ) : (
              <Loading />
            )}
          </Card>
        </Col>
      </Row>

      <Modal open={!!action} title={action ? t(actionLabel(action)) : ''} footer={null} onCancel={() => setAction(null)} destroyOnHidden width={640}>
        {action ? <ActionForm type={action} dossier={dossier} assignees={people.data} onSubmit={act} onCancel={() => setAction(null)} /> : null}
      </Modal>
      <Modal open={!!preview} title={preview?.name} footer={null} onCancel={() => setPreview(null)} width={900} destroyOnHidden>
        {preview ? <FilePreview fileId={preview.fileId} name={preview.name} /> : null}
      </Modal>
    </div>
  );
}

/** The words of an event worth reading in the timeline: reasons, comments, what is missing, the step moved to. */
function eventDetail(e: DossierEventRow): string {
  const ev = e.event;
  const parts: string[] = [];
  if (typeof ev.from === 'string' && typeof ev.to === 'string') parts.push(`${ev.from} → ${ev.to}`);
  for (const k of ['reason', 'comment', 'note', 'answer', 'result', 'backfillReason']) if (typeof ev[k] === 'string' && ev[k]) parts.push(ev[k] as string);
  for (const k of ['missing', 'reasons']) if (Array.isArray(ev[k])) parts.push((ev[k] as string[]).join('; '));
  if (typeof ev.code === 'string') parts.push(ev.code);
  const paid = ev.payment as { amount?: number; receiptNumber?: string } | undefined;
  if (paid && typeof paid.amount === 'number') parts.push(`${formatVnd(paid.amount)} · ${paid.receiptNumber ?? ''}`);
  return parts.join(' · ');
}
