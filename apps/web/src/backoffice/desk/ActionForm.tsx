import { Button, Checkbox, Form, Input, InputNumber, Space, Upload } from 'antd';
import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { FieldError } from '@motcua/domain';
import { applyProblem, clearErrors } from '../../forms.ts';
import { useI18n, type MessageKey } from '../../i18n.ts';
import { useAgencies } from '../../hooks.ts';
import { UnplacedErrors } from '../../components/UnplacedErrors.tsx';
import { FormSelect, lines, localToInstant, uploadFile } from './common.tsx';
import type { Assignee, DossierView } from './types.ts';
import { formatVnd } from '../../format.ts';

/** Actions whose body needs nothing but the type: a confirmation button is enough. */
export const NO_BODY = new Set(['accept', 'sign']);
/** Actions that make sense on many dossiers at once with one body [003 Art. 17.5]. */
export const BULK_ACTIONS = ['accept', 'forward', 'approve', 'sign', 'return-result'] as const;
/** Actions that close or refuse: shown apart, as danger. */
export const DANGER = new Set(['refuse', 'refuse-resolution', 'withdraw', 'stop', 'reject-draft']);

export const actionLabel = (type: string): MessageKey => `desk.action.${type}` as MessageKey;

interface Props {
  type: string;
  dossier?: DossierView | undefined;
  assignees?: Assignee[] | undefined;
  /** Sends the body; an ApiError thrown here puts the server's field errors in place. */
  onSubmit: (body: Record<string, unknown>) => Promise<void>;
  onCancel?: () => void;
}

/**
 * The form of one lifecycle action: exactly the fields of its body in the API (schemas.ts
 * ActionBody). Lists (missing items, reasons, participants) are typed one per line. Rules are
 * checked by the server; its field errors land next to the fields here.
 */
export function ActionForm({ type, dossier, assignees, onSubmit, onCancel }: Props) {
  const { t, lang, localized } = useI18n();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);
  const agencies = useAgencies();
  const agencyOptions = (agencies.data ?? []).filter((a) => a.code !== dossier?.agency.code).map((a) => ({ value: a.code, label: `${localized(a.name, a.nameEn)} (${a.code})` }));
  const people = (assignees ?? []).map((a) => ({ value: a.id, label: `${a.fullName} — ${a.role}${a.departmentCode ? ` / ${a.departmentCode}` : ''}` }));
  const req = [{ required: true, message: t('common.required') }];

  // A drafted result (dự thảo) uploaded with a forward or an approval; only on one dossier, never in bulk.
  const draftOf = async (v: Record<string, unknown>) => {
    const f = (v.draftFile as { originFileObj: File }[] | undefined)?.[0];
    if (!f) return {};
    const meta = await uploadFile(f.originFileObj);
    return { draftFiles: [{ name: ((v.draftName as string | undefined) ?? '').trim() || f.originFileObj.name, fileId: meta.id }] };
  };
  const draftFields = dossier ? (
    <>
      <Form.Item name="draftFile" label={t('desk.form.draftFile')} valuePropName="fileList" getValueFromEvent={(e: { fileList: unknown[] }) => e.fileList.slice(-1)}>
        <Upload beforeUpload={() => false} maxCount={1} accept=".pdf,.docx,.jpg,.jpeg,.png">
          <Button icon={<UploadOutlined aria-hidden />}>{t('desk.form.chooseFile')}</Button>
        </Upload>
      </Form.Item>
      <Form.Item name="draftName" label={t('desk.form.draftName')}>
        <Input maxLength={300} />
      </Form.Item>
    </>
  ) : null;
  const currentDraft = dossier?.draftResults ?? [];

  const toBody = async (v: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const b: Record<string, unknown> = { type };
    switch (type) {
      case 'request-completion':
        return { ...b, missing: lines(v.missing), note: (v.note as string) ?? '' };
      case 'refuse':
      case 'refuse-resolution':
        return { ...b, reasons: lines(v.reasons) };
      case 'forward':
        return { ...b, ...(v.toUserId ? { toUserId: v.toUserId } : {}), ...(v.comment ? { comment: v.comment } : {}), ...(await draftOf(v)) };
      case 'approve':
        return { ...b, ...(v.comment ? { comment: v.comment } : {}), ...(await draftOf(v)) };
      case 'return-to-previous':
      case 'reject-draft':
      case 'withdraw':
      case 'stop':
        return { ...b, reason: v.reason ?? '' };
      case 'assign':
        return { ...b, toUserId: v.toUserId };
      case 'hand-to-colleague':
        return { ...b, toUserId: v.toUserId, reason: v.reason ?? '' };
      case 'consult':
        return { ...b, agencyCode: v.agencyCode, question: v.question ?? '', replyBy: localToInstant(v.replyBy as string) ?? '' };
      case 'answer-consultation':
        return { ...b, id: v.id, answer: v.answer ?? '' };
      case 'schedule-verification':
        return { ...b, when: localToInstant(v.when as string) ?? '', place: v.place ?? '', participants: lines(v.participants), content: v.content ?? '' };
      case 'send-to-agencies':
        return { ...b, tasks: ((v.tasks as Record<string, unknown>[]) ?? []).map((x) => ({ agencyCode: x.agencyCode, task: x.task ?? '', workingHours: x.workingHours })) };
      case 'complete-task':
        return { ...b, id: v.id, result: v.result ?? '' };
      case 'request-supplement':
        return { ...b, missing: lines(v.missing), reason: v.reason ?? '' };
      case 'apologize':
        return { ...b, reason: v.reason ?? '', newAppointment: localToInstant(v.newAppointment as string) ?? '' };
      case 'send-result': {
        const rs = (v.results as { name: string; file?: { file: File }[]; draftFileId?: string; useDraft?: boolean }[] | undefined) ?? [];
        const out = [];
        for (const r of rs) {
          const f = r.file?.[0];
          const meta = f ? await uploadFile((f as unknown as { originFileObj: File }).originFileObj) : null;
          // A file chosen here wins over the draft it was pre-filled from.
          out.push({ name: r.name, fileId: meta?.id ?? (r.useDraft && r.draftFileId ? r.draftFileId : null) });
        }
        return { ...b, results: out };
      }
      case 'return-result':
        return { ...b, how: v.how };
      case 'record-payment':
        return { ...b, amount: v.amount, method: v.method, receiptNumber: ((v.receiptNumber as string | undefined) ?? '').trim(), ...(v.paidAt ? { paidAt: localToInstant(v.paidAt as string) ?? '' } : {}) };
      default:
        return b;
    }
  };

  const submit = async (v: Record<string, unknown>) => {
    setBusy(true);
    clearErrors(form);
    setUnplaced([]);
    try {
      await onSubmit(await toBody(v));
    } catch (e) {
      setUnplaced(applyProblem(form, e, { t, lang }));
    } finally {
      setBusy(false);
    }
  };

  const reasonField = (name: string, label: MessageKey) => (
    <Form.Item name={name} label={t(label)} rules={req}>
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );
  const linesField = (name: string, label: MessageKey, required = true) => (
    <Form.Item name={name} label={t(label)} extra={t('desk.form.onePerLine')} rules={required ? req : []}>
      <Input.TextArea rows={4} />
    </Form.Item>
  );
  const when = (name: string, label: MessageKey) => (
    <Form.Item name={name} label={t(label)} rules={req} extra={t('desk.form.vnTime')}>
      <Input type="datetime-local" />
    </Form.Item>
  );

  // Only what the server says this officer may answer: another agency's consultation or task would be refused.
  const openConsultations = (dossier?.consultations ?? []).filter((c) => !c.answeredAt && c.answerable);
  const openTasks = (dossier?.tasks ?? []).filter((x) => !x.completedAt && x.answerable);

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v as Record<string, unknown>)} initialValues={type === 'send-to-agencies' ? { tasks: [{}] } : type === 'send-result' ? { results: currentDraft.length ? currentDraft.map((d) => ({ name: d.name, draftFileId: d.fileId, useDraft: true })) : [{ name: dossier?.procedure.name ?? '' }] } : type === 'return-result' ? { how: dossier?.resultChannel ?? 'desk' } : {}} data-testid={`action-form-${type}`}>
      {type === 'request-completion' ? (
        <>
          {linesField('missing', 'desk.form.missing')}
          <Form.Item name="note" label={t('desk.form.guidance')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      ) : null}
      {type === 'refuse' || type === 'refuse-resolution' ? linesField('reasons', 'desk.form.reasons') : null}
      {type === 'forward' ? (
        <>
          {people.length ? (
            <Form.Item name="toUserId" label={t('desk.form.toPerson')} extra={t('desk.form.toPersonHint')}>
              <FormSelect allowClear showSearch optionFilterProp="label" options={people} />
            </Form.Item>
          ) : null}
          <Form.Item name="comment" label={t('desk.form.comment')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          {draftFields}
        </>
      ) : null}
      {type === 'approve' ? (
        <>
          <Form.Item name="comment" label={t('desk.form.comment')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          {draftFields}
        </>
      ) : null}
      {['return-to-previous', 'reject-draft', 'withdraw', 'stop'].includes(type) ? reasonField('reason', 'desk.form.reason') : null}
      {type === 'assign' || type === 'hand-to-colleague' ? (
        <Form.Item name="toUserId" label={t('desk.form.toPerson')} rules={req}>
          <FormSelect showSearch optionFilterProp="label" options={people} />
        </Form.Item>
      ) : null}
      {type === 'hand-to-colleague' ? reasonField('reason', 'desk.form.reason') : null}
      {type === 'consult' ? (
        <>
          <Form.Item name="agencyCode" label={t('desk.form.agency')} rules={req}>
            <FormSelect showSearch optionFilterProp="label" options={agencyOptions} loading={agencies.loading} />
          </Form.Item>
          {reasonField('question', 'desk.form.question')}
          {when('replyBy', 'desk.form.replyBy')}
        </>
      ) : null}
      {type === 'answer-consultation' ? (
        <>
          <Form.Item name="id" label={t('desk.form.consultation')} rules={req} initialValue={openConsultations[0]?.id}>
            <FormSelect options={openConsultations.map((c) => ({ value: c.id, label: `${c.agencyCode}: ${c.question.slice(0, 80)}` }))} />
          </Form.Item>
          {reasonField('answer', 'desk.form.answer')}
        </>
      ) : null}
      {type === 'schedule-verification' ? (
        <>
          {when('when', 'desk.form.when')}
          <Form.Item name="place" label={t('desk.form.place')} rules={req}>
            <Input maxLength={500} />
          </Form.Item>
          {linesField('participants', 'desk.form.participants', false)}
          {reasonField('content', 'desk.form.content')}
        </>
      ) : null}
      {type === 'send-to-agencies' ? (
        <Form.List name="tasks">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <fieldset key={f.key} className="desk-fieldset">
                  <legend>{t('desk.form.task', { n: f.name + 1 })}</legend>
                  <Form.Item name={[f.name, 'agencyCode']} label={t('desk.form.agency')} rules={req}>
                    <FormSelect showSearch optionFilterProp="label" options={agencyOptions} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'task']} label={t('desk.form.taskText')} rules={req}>
                    <Input.TextArea rows={2} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'workingHours']} label={t('desk.form.workingHours')} rules={req}>
                    <InputNumber min={0.5} max={2920} step={0.5} />
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Button type="text" icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(f.name)}>
                      {t('desk.form.removeTask')}
                    </Button>
                  ) : null}
                </fieldset>
              ))}
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({})}>
                {t('desk.form.addTask')}
              </Button>
            </>
          )}
        </Form.List>
      ) : null}
      {type === 'complete-task' ? (
        <>
          <Form.Item name="id" label={t('desk.form.task', { n: '' })} rules={req} initialValue={openTasks[0]?.id}>
            <FormSelect options={openTasks.map((x) => ({ value: x.id, label: `${x.agencyCode}: ${x.task.slice(0, 80)}` }))} />
          </Form.Item>
          {reasonField('result', 'desk.form.taskResult')}
        </>
      ) : null}
      {type === 'request-supplement' ? (
        <>
          {linesField('missing', 'desk.form.missing')}
          {reasonField('reason', 'desk.form.reason')}
        </>
      ) : null}
      {type === 'apologize' ? (
        <>
          {reasonField('reason', 'desk.form.reason')}
          {when('newAppointment', 'desk.form.newAppointment')}
        </>
      ) : null}
      {type === 'send-result' ? (
        <Form.List name="results">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <fieldset key={f.key} className="desk-fieldset">
                  <legend>{t('desk.form.result', { n: f.name + 1 })}</legend>
                  <Form.Item name={[f.name, 'name']} label={t('desk.form.resultName')} rules={req}>
                    <Input maxLength={300} />
                  </Form.Item>
                  {form.getFieldValue(['results', f.name, 'draftFileId']) ? (
                    <>
                      <Form.Item name={[f.name, 'draftFileId']} hidden>
                        <Input />
                      </Form.Item>
                      <Form.Item name={[f.name, 'useDraft']} valuePropName="checked" extra={t('desk.form.useDraftHint')}>
                        <Checkbox>{t('desk.form.useDraft', { name: currentDraft.find((d) => d.fileId === form.getFieldValue(['results', f.name, 'draftFileId']))?.name ?? '' })}</Checkbox>
                      </Form.Item>
                    </>
                  ) : null}
                  <Form.Item name={[f.name, 'file']} label={t('desk.form.resultFile')} valuePropName="fileList" getValueFromEvent={(e: { fileList: unknown[] }) => e.fileList.slice(-1)}>
                    <Upload beforeUpload={() => false} maxCount={1} accept=".pdf,.docx,.jpg,.jpeg,.png">
                      <Button icon={<UploadOutlined aria-hidden />}>{t('desk.form.chooseFile')}</Button>
                    </Upload>
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Button type="text" icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(f.name)}>
                      {t('desk.form.removeResult')}
                    </Button>
                  ) : null}
                </fieldset>
              ))}
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ name: '' })}>
                {t('desk.form.addResult')}
              </Button>
            </>
          )}
        </Form.List>
      ) : null}
      {type === 'return-result' ? (
        <Form.Item name="how" label={t('desk.form.how')} rules={req}>
          <FormSelect options={['desk', 'post', 'online', 'email'].map((h) => ({ value: h, label: t(`desk.resultChannel.${h}` as MessageKey) }))} />
        </Form.Item>
      ) : null}
      {type === 'record-payment' ? (
        <>
          <Form.Item name="amount" label={t('desk.form.amount')} rules={req} initialValue={dossier ? Math.max(dossier.feesDue - dossier.feesPaid, 0) || undefined : undefined} extra={dossier ? t('desk.form.amountHint', { amount: formatVnd(Math.max(dossier.feesDue - dossier.feesPaid, 0)) }) : undefined}>
            <InputNumber min={1} max={dossier ? Math.max(dossier.feesDue - dossier.feesPaid, 1) : undefined} precision={0} step={1000} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="method" label={t('desk.form.payMethod')} rules={req} initialValue="cash">
            <FormSelect options={['cash', 'transfer', 'online'].map((m) => ({ value: m, label: t(`desk.payMethod.${m}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="receiptNumber" label={t('desk.form.receiptNumber')} rules={req}>
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
          <Form.Item name="paidAt" label={t('desk.form.paidAt')} extra={t('desk.form.paidAtHint')}>
            <Input type="datetime-local" />
          </Form.Item>
        </>
      ) : null}
      {NO_BODY.has(type) ? <p>{t('desk.form.confirm', { action: t(actionLabel(type)) })}</p> : null}
      <UnplacedErrors errors={unplaced} className="page-alert" />
      <Space wrap>
        <Button type="primary" danger={DANGER.has(type)} htmlType="submit" loading={busy}>
          {t(actionLabel(type))}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{t('common.cancel')}</Button> : null}
      </Space>
    </Form>
  );
}
