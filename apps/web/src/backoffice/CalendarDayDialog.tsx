import { App, Button, Descriptions, Divider, Form, Input, Modal, Switch } from 'antd';
import { useState } from 'react';
import type { FieldError } from '@motcua/domain';
import { api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { applyProblem, clearErrors } from '../forms.ts';
import { UnplacedErrors } from '../components/UnplacedErrors.tsx';
import { formatDate, formatDayName } from '../format.ts';
import { cleanSessions, dayLabel, KindTag, LabelledRadioGroup, SessionRows, sessionsText, sourceText } from './CalendarParts.tsx';
import type { CalendarDay, DayOverride, OfficialScheduleYear, WorkingSession } from '../types.ts';

type OverrideKind = DayOverride['kind'];

interface Values {
  kind: OverrideKind;
  label: string;
  labelEn: string;
  note: string;
  custom: boolean;
  sessions: WorkingSession[];
}

/** A working day becomes a day off, a weekend a make-up day, a day off a working day. */
function proposedKind(day: CalendarDay): OverrideKind {
  if (day.kind === 'working') return 'holiday';
  if (day.kind === 'weekend') return 'makeup';
  return 'working';
}

/**
 * One day: its kind, label, sessions and where they come from; for the system administrator, a
 * form to change it (PUT /calendar/days/:date) or to remove the change (DELETE).
 */
export function DayDialog({
  day,
  override,
  official,
  makeupSessions,
  canEdit,
  onClose,
  onChanged,
}: {
  day: CalendarDay;
  override: DayOverride | undefined;
  official: OfficialScheduleYear | undefined;
  makeupSessions: WorkingSession[];
  canEdit: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, lang, dataLang } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const kind = Form.useWatch('kind', form);
  const custom = Form.useWatch('custom', form);
  const title = formatDayName(day.date, t);
  const date = formatDate(day.date);
  const officialEntry = day.source === 'official' ? official?.entries.find((e) => e.date === day.date) : undefined;
  const initial: Values = override
    ? {
        kind: override.kind,
        label: override.label,
        labelEn: override.labelEn ?? '',
        note: override.note ?? '',
        custom: !!override.sessions?.length,
        sessions: override.sessions?.length ? override.sessions : day.sessions.length ? day.sessions : makeupSessions,
      }
    : { kind: proposedKind(day), label: '', labelEn: '', note: '', custom: false, sessions: day.sessions.length ? day.sessions : makeupSessions };

  const save = async () => {
    clearErrors(form);
    setUnmatched([]);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const v = form.getFieldsValue(true) as Values;
    const body: Record<string, unknown> = { kind: v.kind, label: v.label.trim() };
    if (v.labelEn?.trim()) body.labelEn = v.labelEn.trim();
    if (v.note?.trim()) body.note = v.note.trim();
    if (v.kind !== 'holiday' && v.custom) body.sessions = cleanSessions(v.sessions);
    setBusy(true);
    try {
      await api.put(`/api/v1/calendar/days/${day.date}`, body);
      void message.success(t('cal.day.saved', { date }));
      onChanged();
    } catch (e) {
      setUnmatched(applyProblem(form, e, { t, lang, message }));
    } finally {
      setBusy(false);
    }
  };

  const remove = () => {
    modal.confirm({
      title: t('cal.day.removeTitle', { date }),
      content: t('cal.day.removeText'),
      okText: t('cal.day.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.del(`/api/v1/calendar/days/${day.date}`);
          void message.success(t('cal.day.removed', { date }));
          onChanged();
        } catch (e) {
          applyProblem(null, e, { t, lang, message });
        }
      },
    });
  };

  const footer = canEdit
    ? [
        override ? (
          <Button key="remove" danger onClick={remove} disabled={busy} className="cal-remove">
            {t('cal.day.remove')}
          </Button>
        ) : null,
        <Button key="cancel" onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={busy} onClick={() => void save()}>
          {t('common.save')}
        </Button>,
      ]
    : [
        <Button key="close" type="primary" onClick={onClose}>
          {t('cal.day.close')}
        </Button>,
      ];

  return (
    <Modal open title={title} onCancel={onClose} footer={footer} width={640} destroyOnHidden>
      <Descriptions column={1} size="small" bordered className="cal-day-facts">
        <Descriptions.Item label={t('cal.day.kind')}>
          <KindTag kind={day.kind} />
        </Descriptions.Item>
        {day.label ? (
          <Descriptions.Item label={t('cal.day.label')}>
            <span lang={lang === 'en' && day.labelEn ? undefined : dataLang}>{dayLabel(day, lang)}</span>
          </Descriptions.Item>
        ) : null}
        {day.labelEn && lang === 'vi' ? (
          <Descriptions.Item label={t('cal.day.labelEn')}>
            <span lang="en">{day.labelEn}</span>
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('cal.day.sessions')}>{sessionsText(day.sessions, t, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('cal.day.source')}>{sourceText(day, t)}</Descriptions.Item>
        {officialEntry?.note ? <Descriptions.Item label={t('cal.day.officialNote')}>{officialEntry.note}</Descriptions.Item> : null}
        {override?.note ? <Descriptions.Item label={t('cal.day.note')}>{override.note}</Descriptions.Item> : null}
      </Descriptions>

      {canEdit ? (
        <>
          <Divider orientation="left" orientationMargin={0}>
            {t('cal.day.edit')}
          </Divider>
          <Form form={form} layout="vertical" initialValues={initial} disabled={busy}>
            <Form.Item name="kind" label={t('cal.day.setKind')}>
              <LabelledRadioGroup
                label={t('cal.day.setKind')}
                options={[
                  { value: 'holiday', label: t('cal.day.kindHoliday') },
                  { value: 'makeup', label: t('cal.day.kindMakeup') },
                  { value: 'working', label: t('cal.day.kindWorking') },
                ]}
              />
            </Form.Item>
            <Form.Item name="label" label={t('cal.day.label')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 200 }]} extra={t('cal.day.labelHint')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="labelEn" label={t('cal.day.labelEn')} rules={[{ max: 200 }]}>
              <Input maxLength={200} lang="en" />
            </Form.Item>
            <Form.Item name="note" label={t('cal.day.note')} extra={t('cal.day.noteHint')} rules={[{ max: 1000 }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
            </Form.Item>
            {kind && kind !== 'holiday' ? (
              <>
                <Form.Item name="custom" label={t('cal.day.custom')} valuePropName="checked" extra={t('cal.day.customHint')}>
                  <Switch />
                </Form.Item>
                {custom ? (
                  <fieldset className="cal-fieldset">
                    <legend>{t('cal.day.sessions')}</legend>
                    <SessionRows name={['sessions']} context={title} minRows={1} />
                  </fieldset>
                ) : null}
              </>
            ) : null}
            <UnplacedErrors errors={unmatched} />
            <p className="form-note">{t('cal.day.effect')}</p>
          </Form>
        </>
      ) : null}
    </Modal>
  );
}
