import { App, Button, Card, Col, DatePicker, Form, InputNumber, Radio, Row, Select } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { useAgencies } from '../hooks.ts';
import { applyProblem, clearErrors } from '../forms.ts';
import { formatHours, formatNumber, formatWeekdayDateTime, nowVnIso } from '../format.ts';
import type { DeadlineAnswer } from '../types.ts';

interface Values {
  receivedAt: Dayjs;
  unit: 'days' | 'hours';
  value: number;
  agency?: string;
}

/** The picker shows Vietnam's wall clock whatever the browser's zone: "now" is built from +07:00. */
const nowWallClock = () => dayjs(nowVnIso().slice(0, 16));

/**
 * Deadline calculator: a receipt instant (Vietnam time), a limit in working days or hours and
 * optionally an agency (its own hours) → counted-from, deadline and appointment, from the
 * server (GET /calendar/deadline), so it is exactly what a receipt would print.
 */
export function DeadlineCalculator() {
  const { t, lang, localized } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const agencies = useAgencies();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<DeadlineAnswer | null>(null);

  const run = async (v: Values) => {
    clearErrors(form);
    setBusy(true);
    try {
      const receivedAt = `${v.receivedAt.format('YYYY-MM-DDTHH:mm')}:00+07:00`;
      const r = await api.get<DeadlineAnswer>('/api/v1/calendar/deadline', {
        receivedAt,
        [v.unit === 'hours' ? 'workingHours' : 'workingDays']: v.value,
        agency: v.agency,
      });
      setAnswer(r);
    } catch (e) {
      setAnswer(null);
      applyProblem(form, e, {
        t,
        lang,
        message,
        rename: (f) => {
          const n = f.replace(/^querystring\./, '');
          return n === 'workingDays' || n === 'workingHours' ? 'value' : n;
        },
      });
    } finally {
      setBusy(false);
    }
  };

  const row = (label: string, iso: string, strong = false) => (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{strong ? <strong>{formatWeekdayDateTime(iso, t)}</strong> : formatWeekdayDateTime(iso, t)}</dd>
    </div>
  );

  return (
    <Card size="small" className="editor-card" title={<h2 className="card-heading">{t('cal.deadline.title')}</h2>}>
      <p className="form-note">{t('cal.deadline.lead')}</p>
      <Form form={form} layout="vertical" initialValues={{ receivedAt: nowWallClock(), unit: 'days', value: 3 }} onFinish={(v) => void run(v)} disabled={busy}>
        <Row gutter={16}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="receivedAt" label={t('cal.deadline.receivedAt')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" needConfirm={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="value" label={t('cal.deadline.value')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={0} max={365} step={1} style={{ width: 140 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="unit" label={t('cal.deadline.unit')}>
              <Radio.Group
                options={[
                  { value: 'days', label: t('cal.deadline.days') },
                  { value: 'hours', label: t('cal.deadline.hours') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={16}>
            <Form.Item name="agency" label={t('cal.deadline.agency')} extra={t('cal.deadline.agencyHint')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                loading={agencies.loading}
                options={(agencies.data ?? []).map((a) => ({ value: a.code, label: `${localized(a.name, a.nameEn)} (${a.code})` }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" icon={<CalculatorOutlined aria-hidden />} loading={busy}>
          {t('cal.deadline.submit')}
        </Button>
      </Form>
      <div aria-live="polite" className="deadline-result" data-testid="deadline-result">
        {answer ? (
          <>
            <h3>{t('cal.deadline.result')}</h3>
            <dl className="facts">
              {row(t('cal.deadline.receivedAt'), answer.receivedAt)}
              {row(t('cal.deadline.countedFrom'), answer.countedFrom)}
              {row(t('cal.deadline.deadline'), answer.deadline, true)}
              {row(t('cal.deadline.appointment'), answer.appointment, true)}
              <div className="fact">
                <dt>{t('cal.deadline.amount')}</dt>
                <dd>{t('cal.deadline.amountValue', { minutes: formatNumber(answer.workingMinutes, lang), hours: formatHours(answer.workingMinutes, lang) })}</dd>
              </div>
            </dl>
          </>
        ) : null}
      </div>
    </Card>
  );
}
