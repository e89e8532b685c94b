import { useState } from 'react';
import { Button, Form, Input, Radio } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { applyProblem, clearErrors } from '../forms.ts';
import { UnplacedErrors } from '../components/UnplacedErrors.tsx';
import type { FieldError } from '@motcua/domain';

interface Values {
  accountType: 'individual' | 'organisation';
  fullName: string;
  idNumber?: string;
  dateOfBirth?: string;
  taxCode?: string;
  organisationName?: string;
  phone?: string;
  email: string;
  password: string;
  password2: string;
}

/** Đăng ký tài khoản: an individual by CCCD number, an organisation by tax code; then /xac-minh. */
export default function RegisterPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('acct.reg.title'));
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('accountType', form) ?? 'individual';
  const [busy, setBusy] = useState(false);
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);
  const required = { required: true, message: t('common.required') };

  const submit = async (v: Values) => {
    setBusy(true);
    setUnplaced([]);
    clearErrors(form);
    const body =
      v.accountType === 'individual'
        ? { accountType: v.accountType, fullName: v.fullName, idNumber: v.idNumber?.trim(), dateOfBirth: v.dateOfBirth, phone: v.phone?.trim(), email: v.email.trim(), password: v.password, locale: lang }
        : { accountType: v.accountType, fullName: v.fullName, taxCode: v.taxCode?.trim(), organisationName: v.organisationName, ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}), email: v.email.trim(), password: v.password, locale: lang };
    try {
      await api.post('/api/v1/accounts/register', body, { quiet: true });
      void navigate(`/xac-minh?email=${encodeURIComponent(v.email.trim())}`);
    } catch (e) {
      setUnplaced(applyProblem(form, e, { t, lang }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="container page account-page">
      <h1>{t('acct.reg.title')}</h1>
      <p className="lead">{t('acct.reg.lead')}</p>
      <UnplacedErrors errors={unplaced} className="page-alert" />
      <div className="account-card">
        <Form form={form} layout="vertical" initialValues={{ accountType: 'individual' }} onFinish={(v) => void submit(v)} requiredMark="optional" disabled={busy}>
          <Form.Item name="accountType" label={t('acct.reg.type')}>
            <Radio.Group>
              <Radio value="individual">{t('acct.reg.individual')}</Radio>
              <Radio value="organisation">{t('acct.reg.organisation')}</Radio>
            </Radio.Group>
          </Form.Item>
          {type === 'organisation' ? (
            <>
              <Form.Item name="taxCode" label={t('acct.reg.taxCode')} rules={[required, { pattern: /^\d{10}(-\d{3})?$/, message: t('acct.reg.taxCodeFormat') }]}>
                <Input inputMode="numeric" autoComplete="off" />
              </Form.Item>
              <Form.Item name="organisationName" label={t('acct.reg.organisationName')} rules={[required]}>
                <Input autoComplete="organization" />
              </Form.Item>
            </>
          ) : null}
          <Form.Item name="fullName" label={type === 'organisation' ? t('acct.reg.representative') : t('acct.reg.fullName')} rules={[required]}>
            <Input autoComplete="name" />
          </Form.Item>
          {type === 'individual' ? (
            <>
              <Form.Item name="idNumber" label={t('acct.reg.idNumber')} rules={[required, { pattern: /^\d{12}$/, message: t('acct.reg.idNumberFormat') }]}>
                <Input inputMode="numeric" autoComplete="off" maxLength={12} />
              </Form.Item>
              <Form.Item name="dateOfBirth" label={t('acct.reg.dateOfBirth')} rules={[required]}>
                <Input type="date" autoComplete="bday" />
              </Form.Item>
            </>
          ) : null}
          <Form.Item name="phone" label={t('acct.reg.phone')} rules={type === 'individual' ? [required] : []}>
            <Input type="tel" inputMode="tel" autoComplete="tel" />
          </Form.Item>
          <Form.Item name="email" label={t('acct.reg.email')} rules={[required, { type: 'email', message: t('common.invalidEmail') }]}>
            <Input type="email" autoComplete="email" autoCapitalize="none" spellCheck={false} />
          </Form.Item>
          <Form.Item name="password" label={t('acct.reg.password')} extra={t('acct.reg.passwordHelp')} rules={[required]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="password2"
            label={t('acct.reg.password2')}
            dependencies={['password']}
            rules={[required, ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('acct.reg.passwordMismatch')))) })]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={busy}>
            {t('acct.reg.submit')}
          </Button>
        </Form>
        <div className="account-links">
          <span>
            {t('acct.reg.haveAccount')} <Link to="/dang-nhap">{t('acct.signIn')}</Link>
          </span>
        </div>
      </div>
    </div>
  );
}
