import { Alert, Button, Card, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { applyProblem } from '../forms.ts';
import { formatDateTime } from '../format.ts';
import { Emblem } from '../components/Emblem.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { SkipLink } from '../components/SkipLink.tsx';
import { Loading } from '../components/status.tsx';
import { DemoBadge } from '../portal/PortalLayout.tsx';
import { useAuth } from './auth.tsx';
import { BO, CHANGE_PASSWORD } from './paths.ts';
import type { Me } from '../types.ts';

interface Failure {
  title: string;
  text: string;
}

/** Only back-office paths may be the "come back to" target (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith(`${BO}/`) && !next.startsWith('//') ? next : BO;
}

export default function LoginPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('login.title'));
  const { me, checking, setMe } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  if (checking) return <Loading />;
  if (me) return <Navigate to={me.mustChangePassword ? CHANGE_PASSWORD : safeNext(params.get('next'))} replace />;

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setFailure(null);
    try {
      const m = await api.post<Me>('/api/v1/auth/login', { username: v.username.trim(), password: v.password }, { quiet: true });
      setMe(m);
      void navigate(m.mustChangePassword ? CHANGE_PASSWORD : safeNext(params.get('next')), { replace: true });
    } catch (e) {
      form.setFieldValue('password', '');
      if (e instanceof ApiError && e.status === 401) setFailure({ title: t('login.badCredentials'), text: t('login.badCredentialsText') });
      else if (e instanceof ApiError && e.status === 423) {
        const until = /\d{4}-\d{2}-\d{2}T[\d:.]+Z/.exec(e.problem.detail ?? '')?.[0];
        setFailure({ title: t('login.locked'), text: until ? t('login.lockedUntil', { time: formatDateTime(until, lang) }) : t('login.lockedText') });
      } else if (e instanceof ApiError && e.status === 429) setFailure({ title: t('login.rateLimited'), text: t('login.rateLimitedText') });
      else if (e instanceof ApiError && e.status === 400) applyProblem(form, e, { t, lang });
      else setFailure({ title: t('error.unexpected'), text: e instanceof ApiError && e.status === 0 ? t('error.network') : (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <SkipLink />
      <header className="login-header">
        <Link to="/" className="brand">
          <Emblem size={36} />
          <span className="brand-text">
            <span className="brand-name">{t('site.name')}</span>
            <span className="brand-sub">{t('bo.title')}</span>
          </span>
        </Link>
        <DemoBadge />
        <LanguageSwitch className="header-button" />
      </header>
      <main id="main" tabIndex={-1} className="login-main">
        <Card className="login-card">
          <h1 className="login-title">{t('login.title')}</h1>
          <p className="login-lead">{t('login.lead')}</p>
          {failure ? (
            <Alert className="login-alert" type="error" showIcon role="alert" message={failure.title} description={failure.text} data-testid="login-error" />
          ) : null}
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} disabled={busy}>
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoCapitalize="none" spellCheck={false} size="large" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={busy}>
              {t('login.submit')}
            </Button>
          </Form>
          <p className="login-help">{t('login.help')}</p>
          <p>
            <Link to="/">{t('login.backToPortal')}</Link>
          </p>
        </Card>
      </main>
    </div>
  );
}
