import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { applyProblem } from '../forms.ts';
import { formatDateTime } from '../format.ts';
import { Loading } from '../components/status.tsx';
import type { Me } from '../types.ts';
import { safePortalNext, useCitizen } from './auth.tsx';

/** Đăng nhập công dân: e-mail, ID number or tax code + password; same lock-out as officers. */
export default function CitizenLoginPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('acct.login.title'));
  const { me, checking, setMe } = useCitizen();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (checking) return <Loading />;
  if (me?.kind === 'citizen') return <Navigate to={safePortalNext(params.get('next'))} replace />;

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setFailure(null);
    try {
      const m = await api.post<Me>('/api/v1/auth/citizen-login', { username: v.username.trim(), password: v.password }, { quiet: true });
      setMe(m);
      void navigate(safePortalNext(params.get('next')), { replace: true });
    } catch (e) {
      form.setFieldValue('password', '');
      if (e instanceof ApiError && e.status === 401) setFailure(t('acct.login.bad'));
      else if (e instanceof ApiError && e.status === 423) setFailure(t('acct.login.locked', { time: formatDateTime((e.problem as { lockedUntil?: string }).lockedUntil ?? null, lang) }));
      else if (e instanceof ApiError && e.status === 429) setFailure(t('acct.login.rateLimited'));
      else if (e instanceof ApiError && e.status === 400) applyProblem(form, e, { t, lang });
      else setFailure(e instanceof ApiError && e.status === 0 ? t('error.network') : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="container page account-page">
      <h1>{t('acct.login.title')}</h1>
      <p className="lead">{t('acct.login.lead')}</p>
      {params.get('next') ? <Alert type="info" showIcon message={t('acct.needSignIn')} className="page-alert" /> : null}
      {failure ? <Alert type="error" showIcon role="alert" message={failure} data-testid="citizen-login-error" className="page-alert" /> : null}
      <div className="account-card">
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} disabled={busy}>
          <Form.Item name="username" label={t('acct.login.username')} rules={[{ required: true, message: t('common.required') }]}>
            <Input autoComplete="username" autoCapitalize="none" spellCheck={false} size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('acct.login.password')} rules={[{ required: true, message: t('common.required') }]}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={busy}>
            {t('acct.login.submit')}
          </Button>
        </Form>
        <div className="account-links">
          <Link to="/quen-mat-khau">{t('acct.login.forgot')}</Link>
          <span>
            {t('acct.login.noAccount')} <Link to="/dang-ky">{t('acct.register')}</Link>
          </span>
          <Link to="/mot-cua">{t('acct.login.officer')}</Link>
        </div>
      </div>
    </div>
  );
}
