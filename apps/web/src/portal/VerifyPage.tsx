import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { applyProblem, clearErrors, problemText } from '../forms.ts';
import { UnplacedErrors } from '../components/UnplacedErrors.tsx';
import type { FieldError } from '@motcua/domain';

/** Xác minh: the 6-digit code from the e-mail (or the one-click link that fills it in). */
export default function VerifyPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('acct.verify.title'));
  const [params] = useSearchParams();
  const [form] = Form.useForm<{ email: string; code: string }>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);
  const [cooldown, setCooldown] = useState(0);
  const timer = useRef<number | null>(null);
  const email = params.get('email') ?? '';

  useEffect(() => {
    form.setFieldsValue({ email, code: params.get('code') ?? '' });
  }, [email, params, form]);
  useEffect(() => () => (timer.current ? window.clearInterval(timer.current) : undefined), []);

  const startCooldown = (s: number) => {
    setCooldown(s);
    if (timer.current) window.clearInterval(timer.current);
    timer.current = window.setInterval(() => setCooldown((c) => (c <= 1 ? (window.clearInterval(timer.current!), 0) : c - 1)), 1000);
  };

  const submit = async (v: { email: string; code: string }) => {
    setBusy(true);
    setUnplaced([]);
    clearErrors(form);
    try {
      await api.post('/api/v1/accounts/verify-email', { email: v.email.trim(), code: v.code.trim() }, { quiet: true });
      setDone(true);
    } catch (e) {
      setUnplaced(applyProblem(form, e, { t, lang }));
    } finally {
      setBusy(false);
    }
  };
  const resend = async () => {
    const addr = (form.getFieldValue('email') as string | undefined)?.trim();
    if (!addr) return void form.validateFields(['email']);
    try {
      const r = await api.post<{ cooldownSeconds: number }>('/api/v1/accounts/verify-email/resend', { email: addr }, { quiet: true });
      setNote(t('acct.verify.resent'));
      startCooldown(r.cooldownSeconds);
    } catch (e) {
      setNote(problemText(e, t));
    }
  };

  return (
    <div className="container page account-page">
      <h1>{t('acct.verify.title')}</h1>
      {done ? (
        <Alert type="success" showIcon role="status" message={t('acct.verify.done')} description={<Link to="/dang-nhap">{t('acct.signIn')}</Link>} data-testid="verify-done" />
      ) : (
        <>
          <p className="lead">{email ? t('acct.verify.lead', { email }) : t('acct.verify.leadNoEmail')}</p>
          <UnplacedErrors errors={unplaced} className="page-alert" />
          {note ? <Alert type="info" showIcon role="status" message={note} className="page-alert" /> : null}
          <div className="account-card">
            <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} disabled={busy}>
              <Form.Item name="email" label={t('acct.reg.email')} rules={[{ required: true, message: t('common.required') }, { type: 'email', message: t('common.invalidEmail') }]}>
                <Input type="email" autoComplete="email" autoCapitalize="none" />
              </Form.Item>
              <Form.Item name="code" label={t('acct.verify.code')} rules={[{ required: true, message: t('common.required') }, { pattern: /^\d{6}$/, message: t('acct.verify.codeFormat') }]}>
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} size="large" />
              </Form.Item>
              <Button type="primary" htmlType="submit" size="large" block loading={busy}>
                {t('acct.verify.submit')}
              </Button>
            </Form>
            <div className="account-links">
              <Button onClick={() => void resend()} disabled={cooldown > 0}>
                {cooldown > 0 ? t('acct.verify.resendIn', { s: cooldown }) : t('acct.verify.resend')}
              </Button>
            </div>
          </div>
        </>
      )}
    </div>
  );
}
