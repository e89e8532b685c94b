import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { applyProblem, clearErrors } from '../forms.ts';
import { UnplacedErrors } from '../components/UnplacedErrors.tsx';
import type { FieldError } from '@motcua/domain';

/**
 * Quên mật khẩu: ask for a code (the answer never says whether the account exists), then set a new
 * password with it. The link in the e-mail opens step two with the code filled in.
 */
export default function ResetPasswordPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('acct.reset.title'));
  const [params] = useSearchParams();
  const [ask] = Form.useForm<{ username: string }>();
  const [confirm] = Form.useForm<{ username: string; code: string; newPassword: string }>();
  const [sent, setSent] = useState(!!params.get('code'));
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);
  const required = { required: true, message: t('common.required') };

  const request = async (v: { username: string }) => {
    setBusy(true);
    try {
      await api.post('/api/v1/accounts/password-reset', { username: v.username.trim() }, { quiet: true });
      confirm.setFieldsValue({ username: v.username.trim() });
      setSent(true);
    } catch (e) {
      setUnplaced(applyProblem(ask, e, { t, lang }));
    } finally {
      setBusy(false);
    }
  };
  const submit = async (v: { username: string; code: string; newPassword: string }) => {
    setBusy(true);
    setUnplaced([]);
    clearErrors(confirm);
    try {
      await api.post('/api/v1/accounts/password-reset/confirm', { username: v.username.trim(), code: v.code.trim(), newPassword: v.newPassword }, { quiet: true });
      setDone(true);
    } catch (e) {
      setUnplaced(applyProblem(confirm, e, { t, lang }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="container page account-page">
      <h1>{t('acct.reset.title')}</h1>
      <UnplacedErrors errors={unplaced} className="page-alert" />
      {done ? (
        <Alert type="success" showIcon role="status" message={t('acct.reset.done')} description={<Link to="/dang-nhap">{t('acct.signIn')}</Link>} />
      ) : !sent ? (
        <>
          <p className="lead">{t('acct.reset.lead')}</p>
          <div className="account-card">
            <Form form={ask} layout="vertical" onFinish={(v) => void request(v)} requiredMark={false} disabled={busy}>
              <Form.Item name="username" label={t('acct.login.username')} rules={[required]}>
                <Input autoComplete="username" autoCapitalize="none" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy}>
                {t('acct.reset.send')}
              </Button>
            </Form>
          </div>
        </>
      ) : (
        <>
          <Alert type="info" showIcon role="status" message={t('acct.reset.sent')} className="page-alert" />
          <div className="account-card">
            <Form
              form={confirm}
              layout="vertical"
              initialValues={{ username: params.get('u') ?? '', code: params.get('code') ?? '' }}
              onFinish={(v) => void submit(v)}
              requiredMark={false}
              disabled={busy}
            >
              <Form.Item name="username" label={t('acct.login.username')} rules={[required]}>
                <Input autoComplete="username" autoCapitalize="none" />
              </Form.Item>
              <Form.Item name="code" label={t('acct.reset.code')} rules={[required, { pattern: /^\d{6}$/, message: t('acct.verify.codeFormat') }]}>
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
              </Form.Item>
              <Form.Item name="newPassword" label={t('acct.reset.newPassword')} extra={t('acct.reg.passwordHelp')} rules={[required]}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy}>
                {t('acct.reset.submit')}
              </Button>
            </Form>
          </div>
        </>
      )}
    </div>
  );
}
