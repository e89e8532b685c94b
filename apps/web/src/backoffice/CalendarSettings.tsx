import { App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Switch, type RadioGroupProps } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useState, type ReactNode } from 'react';
import type { FieldError } from '@motcua/domain';
import { api, ApiError } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { applyProblem, clearErrors } from '../forms.ts';
import { UnplacedErrors } from '../components/UnplacedErrors.tsx';
import { formatNumber, type Weekday } from '../format.ts';
import { cleanSessions, CLOCK_RE, LabelledRadioGroup, SessionRows, sessionsText } from './CalendarParts.tsx';
import type { CalendarSettings, DeadlinePolicy, WeeklySessions } from '../types.ts';

const DAYS: { key: keyof WeeklySessions; dow: Weekday }[] = [
  { key: 'mon', dow: 1 },
  { key: 'tue', dow: 2 },
  { key: 'wed', dow: 3 },
  { key: 'thu', dow: 4 },
  { key: 'fri', dow: 5 },
  { key: 'sat', dow: 6 },
  { key: 'sun', dow: 0 },
];

type Choice<K extends string> = { value: K; label: MessageKey; help: MessageKey };
const APPOINTMENT: Choice<DeadlinePolicy['appointment']>[] = [
  { value: 'next-session', label: 'cal.policy.appointment.next-session', help: 'cal.policy.appointment.next-sessionHelp' },
  { value: 'deadline', label: 'cal.policy.appointment.deadline', help: 'cal.policy.appointment.deadlineHelp' },
];
const ON_TIME: Choice<DeadlinePolicy['onTime']>[] = [
  { value: 'by-day', label: 'cal.policy.onTime.by-day', help: 'cal.policy.onTime.by-dayHelp' },
  { value: 'by-instant', label: 'cal.policy.onTime.by-instant', help: 'cal.policy.onTime.by-instantHelp' },
];
const OVERDUE: Choice<DeadlinePolicy['overdueFrom']>[] = [
  { value: 'appointment', label: 'cal.policy.overdueFrom.appointment', help: 'cal.policy.overdueFrom.appointmentHelp' },
  { value: 'deadline', label: 'cal.policy.overdueFrom.deadline', help: 'cal.policy.overdueFrom.deadlineHelp' },
];

interface Values {
  week: WeeklySessions;
  makeupSessions: CalendarSettings['makeupSessions'];
  dayMinutes: number | null | undefined;
  holidays: CalendarSettings['holidays'];
  policy: Omit<DeadlinePolicy, 'cutoff' | 'dueSoonMinutes'> & { cutoff: string; dueSoonMinutes: number | null | undefined };
}

const toValues = (s: CalendarSettings): Values => ({
  week: s.week,
  makeupSessions: s.makeupSessions,
  dayMinutes: s.dayMinutes ?? undefined,
  holidays: s.holidays,
  policy: { ...s.policy, cutoff: s.policy.cutoff ?? '', dueSoonMinutes: s.policy.dueSoonMinutes ?? undefined },
});

/** A radio group whose options carry their explanation (Form.Item passes value, onChange and id). */
function ChoiceGroup<K extends string>({ choices, label, ...rest }: { choices: Choice<K>[]; label: string } & Omit<RadioGroupProps, 'options'>) {
  const { t } = useI18n();
  return (
    <LabelledRadioGroup {...rest} label={label} className="policy-choices">
      {choices.map((c) => (
        <Radio key={c.value} value={c.value} className="policy-choice">
          <span className="policy-choice-label">{t(c.label)}</span>
          <span className="policy-help">{t(c.help)}</span>
        </Radio>
      ))}
    </LabelledRadioGroup>
  );
}

/**
 * The province's working hours, holiday rules and deadline policy: a form for the system
 * administrator (PUT /calendar/settings, server errors on their fields or listed above the
 * save button), a read-only summary with the same explanations for everyone else.
 */
export function CalendarSettingsPanel({ settings, canEdit, onSaved }: { settings: CalendarSettings; canEdit: boolean; onSaved: () => void }) {
  return canEdit ? <SettingsForm settings={settings} onSaved={onSaved} /> : <SettingsView settings={settings} />;
}

function SettingsForm({ settings, onSaved }: { settings: CalendarSettings; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);

  const save = async () => {
    clearErrors(form);
    setUnmatched([]);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const v = form.getFieldsValue(true) as Values;
    const week = Object.fromEntries(DAYS.map((d) => [d.key, cleanSessions(v.week?.[d.key])])) as unknown as WeeklySessions;
    if (DAYS.every((d) => week[d.key].length === 0)) {
      setUnmatched([{ field: 'week', message: t('cal.settings.noWorkingTime') }]);
      return;
    }
    const body = {
      week,
      makeupSessions: cleanSessions(v.makeupSessions),
      dayMinutes: v.dayMinutes ?? null,
      holidays: v.holidays,
      policy: { ...v.policy, cutoff: v.policy.cutoff?.trim() || null, dueSoonMinutes: v.policy.dueSoonMinutes ?? null },
    };
    setBusy(true);
    try {
      await api.put('/api/v1/calendar/settings', body);
      void message.success(t('cal.settings.saved'));
      onSaved();
    } catch (e) {
      // The engine names the part in its message ("week.mon: sessions overlap…"): put it on that day.
      if (e instanceof ApiError) {
        for (const fe of e.fieldErrors) {
          const m = /^(week\.(mon|tue|wed|thu|fri|sat|sun)|makeupSessions):/.exec(fe.message);
          if (fe.field === 'week' && m) fe.field = m[1]!;
        }
      }
      setUnmatched(applyProblem(form, e, { t, lang, message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={toValues(settings)} disabled={busy} onFinish={() => void save()}>
      <Card className="editor-card" size="small" title={<h2 className="card-heading">{t('cal.settings.week')}</h2>}>
        <p className="form-note">{t('cal.settings.weekHint')}</p>
        <div className="cal-week-grid">
          {DAYS.map((d) => (
            <fieldset key={d.key} className="cal-fieldset">
              <legend>{t(`weekday.${d.dow}`)}</legend>
              <SessionRows name={['week', d.key]} context={t(`weekday.${d.dow}`)} />
            </fieldset>
          ))}
          <fieldset className="cal-fieldset">
            <legend>{t('cal.settings.makeup')}</legend>
            <p className="form-note">{t('cal.settings.makeupHint')}</p>
            <SessionRows name={['makeupSessions']} context={t('cal.settings.makeup')} minRows={1} />
          </fieldset>
        </div>
        <Form.Item name="dayMinutes" label={t('cal.settings.dayMinutes')} extra={t('cal.settings.dayMinutesHint')}>
          <InputNumber min={1} max={1440} step={30} style={{ width: 200 }} />
        </Form.Item>
      </Card>

      <Card className="editor-card" size="small" title={<h2 className="card-heading">{t('cal.settings.holidays')}</h2>}>
        <Form.Item name={['holidays', 'generate']} label={t('cal.settings.generate')} valuePropName="checked" extra={t('cal.settings.generateHint')}>
          <Switch />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name={['holidays', 'tetDaysBefore']} label={t('cal.settings.tetDaysBefore')} extra={t('cal.settings.tetDaysBeforeHint')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={0} max={5} style={{ width: 120 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['holidays', 'nationalDayAdjacent']} label={t('cal.settings.nationalDay')}>
              <Select
                options={(['auto', 'before', 'after'] as const).map((v) => ({ value: v, label: t(`cal.settings.nationalDay.${v}`) }))}
                style={{ maxWidth: 360 }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name={['holidays', 'compensate']} label={t('cal.settings.compensate')} valuePropName="checked" extra={t('cal.settings.compensateHint')}>
          <Switch />
        </Form.Item>
      </Card>

      <Card className="editor-card" size="small" title={<h2 className="card-heading">{t('cal.settings.policy')}</h2>}>
        <Form.Item
          name={['policy', 'cutoff']}
          label={t('cal.policy.cutoff')}
          extra={t('cal.policy.cutoffHelp')}
          rules={[{ validator: async (_, v: string | undefined) => { if (v && v.trim() && !CLOCK_RE.test(v.trim())) throw new Error(t('cal.session.pattern')); } }]}
        >
          <Input placeholder={t('cal.policy.cutoffNone')} maxLength={5} style={{ width: 200 }} spellCheck={false} autoComplete="off" />
        </Form.Item>
        <Form.Item name={['policy', 'appointment']} label={t('cal.policy.appointment')}>
          <ChoiceGroup choices={APPOINTMENT} label={t('cal.policy.appointment')} />
        </Form.Item>
        <Form.Item name={['policy', 'onTime']} label={t('cal.policy.onTime')}>
          <ChoiceGroup choices={ON_TIME} label={t('cal.policy.onTime')} />
        </Form.Item>
        <Form.Item name={['policy', 'overdueFrom']} label={t('cal.policy.overdueFrom')}>
          <ChoiceGroup choices={OVERDUE} label={t('cal.policy.overdueFrom')} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name={['policy', 'dueSoonMinutes']} label={t('cal.policy.dueSoon')} extra={t('cal.policy.dueSoonHelp')}>
              <InputNumber min={1} step={60} style={{ width: 160 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['policy', 'apologyLeadWorkingDays']} label={t('cal.policy.apologyLead')} extra={t('cal.policy.apologyLeadHelp')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={0} max={30} style={{ width: 120 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['policy', 'maxApologies']} label={t('cal.policy.maxApologies')} extra={t('cal.policy.maxApologiesHelp')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={0} max={10} style={{ width: 120 }} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <UnplacedErrors errors={unmatched} className="page-alert" />
      <div className="editor-actions">
        <Button type="primary" htmlType="submit" icon={<SaveOutlined aria-hidden />} loading={busy}>
          {t('cal.settings.save')}
        </Button>
      </div>
    </Form>
  );
}

function Item({ label, children, help }: { label: string; children: ReactNode; help?: string | undefined }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>
        {children}
        {help ? <p className="policy-help">{help}</p> : null}
      </dd>
    </div>
  );
}

function SettingsView({ settings: s }: { settings: CalendarSettings }) {
  const { t, lang } = useI18n();
  const p = s.policy;
  const yesNo = (b: boolean) => t(b ? 'cal.settings.yes' : 'cal.settings.no');
  const choice = <K extends string>(list: Choice<K>[], v: K) => list.find((c) => c.value === v);
  const a = choice(APPOINTMENT, p.appointment);
  const o = choice(ON_TIME, p.onTime);
  const d = choice(OVERDUE, p.overdueFrom);
  return (
    <>
      <Card className="editor-card" size="small" title={<h2 className="card-heading">{t('cal.settings.week')}</h2>}>
        <p className="form-note">{t('cal.settings.weekHint')}</p>
        <dl className="facts">
          {DAYS.map((day) => (
            <Item key={day.key} label={t(`weekday.${day.dow}`)}>
              {sessionsText(s.week[day.key], t, lang, 'cal.settings.dayOff')}
            </Item>
          ))}
          <Item label={t('cal.settings.makeup')} help={t('cal.settings.makeupHint')}>
            {sessionsText(s.makeupSessions, t, lang)}
          </Item>
          <Item label={t('cal.settings.dayMinutes')} help={t('cal.settings.dayMinutesHint')}>
            {s.dayMinutes ? t('cal.settings.minutes', { n: formatNumber(s.dayMinutes, lang) }) : t('cal.settings.dayMinutesAuto')}
          </Item>
        </dl>
      </Card>
      <Card className="editor-card" size="small" title={<h2 className="card-heading">{t('cal.settings.holidays')}</h2>}>
        <dl className="facts">
          <Item label={t('cal.settings.generate')} help={t('cal.settings.generateHint')}>
            {yesNo(s.holidays.generate)}
          </Item>
          <Item label={t('cal.settings.tetDaysBefore')} help={t('cal.settings.tetDaysBeforeHint')}>
            {s.holidays.tetDaysBefore}
          </Item>
          <Item label={t('cal.settings.nationalDay')}>{t(`cal.settings.nationalDay.${s.holidays.nationalDayAdjacent}`)}</Item>
          <Item label={t('cal.settings.compensate')} help={t('cal.settings.compensateHint')}>
            {yesNo(s.holidays.compensate)}
          </Item>
        </dl>
      </Card>
      <Card className="editor-card" size="small" title={<h2 className="card-heading">{t('cal.settings.policy')}</h2>}>
        <dl className="facts">
          <Item label={t('cal.policy.cutoff')} help={t('cal.policy.cutoffHelp')}>
            {p.cutoff ?? t('cal.policy.cutoffNone')}
          </Item>
          <Item label={t('cal.policy.appointment')} help={a ? t(a.help) : undefined}>
            {a ? t(a.label) : p.appointment}
          </Item>
          <Item label={t('cal.policy.onTime')} help={o ? t(o.help) : undefined}>
            {o ? t(o.label) : p.onTime}
          </Item>
          <Item label={t('cal.policy.overdueFrom')} help={d ? t(d.help) : undefined}>
            {d ? t(d.label) : p.overdueFrom}
          </Item>
          <Item label={t('cal.policy.dueSoon')} help={t('cal.policy.dueSoonHelp')}>
            {p.dueSoonMinutes ? t('cal.settings.minutes', { n: formatNumber(p.dueSoonMinutes, lang) }) : t('cal.policy.dueSoonDefault')}
          </Item>
          <Item label={t('cal.policy.apologyLead')} help={t('cal.policy.apologyLeadHelp')}>
            {p.apologyLeadWorkingDays}
          </Item>
          <Item label={t('cal.policy.maxApologies')} help={t('cal.policy.maxApologiesHelp')}>
            {p.maxApologies}
          </Item>
        </dl>
      </Card>
    </>
  );
}
