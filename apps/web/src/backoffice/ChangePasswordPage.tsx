import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { passwordProblems, PASSWORD_MIN_LENGTH } from '@motcua/domain';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { applyProblem } from '../forms.ts';
import { useAuth } from './auth.tsx';
import { BO } from './paths.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePasswordPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('password.title'));
  const { me, refresh } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const forced = !!me?.mustChangePassword;

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await api.post('/api/v1/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      void message.success(t('password.changed'));
      form.resetFields();
      await refresh();
      void navigate(BO, { replace: true });
    } catch (e) {
      applyProblem(form, e, { t, lang, message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="bo-page narrow-page">
      <h1>{forced ? t('password.forcedTitle') : t('password.title')}</h1>
      {forced ? <Alert type="warning" showIcon message={t('password.forcedText')} className="page-alert" data-testid="must-change" /> : null}
      <Card>
        <div id="password-rules" className="password-rules">
          <p>{t('password.rulesTitle')}</p>
          <ul>
            <li>{t('password.ruleLength', { n: PASSWORD_MIN_LENGTH })}</li>
            <li>{t('password.ruleLetterDigit')}</li>
            <li>{t('password.ruleUsername')}</li>
          </ul>
        </div>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={busy}>
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('common.required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            rules={[
              { required: true, message: t('common.required') },
              {
                validator: (_, value: string) => {
                  if (!value) return Promise.resolve();
                  const problems = passwordProblems(value, me?.username);
                  return problems.length ? Promise.reject(new Error(problems.map((p) => t(`password.problem.${p}`, { n: PASSWORD_MIN_LENGTH })).join('. '))) : Promise.resolve();
                },
              },
            ]}
            extra={<span>{t('password.hint')}</span>}
          >
            <Input.Password autoComplete="new-password" aria-describedby="password-rules" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('common.required') },
              ({ getFieldValue }) => ({
                validator: (_, value: string) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
