import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Checkbox, Form, Input, Select } from 'antd';
import { Link } from 'react-router';
import { PREFERENCE_EVENTS, type NotificationPreferences, type Profile } from '@motcua/domain';
import { ToneTag } from '../components/tags.tsx';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n, type MessageKey } from '../i18n.ts';
import { useLoad, lookups } from '../hooks.ts';
import { applyProblem, clearErrors } from '../forms.ts';
import { formatDate } from '../format.ts';
import { Loading, LoadError } from '../components/status.tsx';
import { UnplacedErrors } from '../components/UnplacedErrors.tsx';
import type { FieldError } from '@motcua/domain';
import { RequireCitizen, useCitizen } from './auth.tsx';

type Edit = { fullName: string; phone: string | null; dateOfBirth: string | null; provinceCode: string | null; communeCode: string | null; address: string | null; organisationName?: string };

function Details({ profile, onSaved }: { profile: Profile; onSaved: (p: Profile) => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const { refresh } = useCitizen();
  const [form] = Form.useForm<Edit>();
  const [busy, setBusy] = useState(false);
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);
  const agencies = useLoad(() => lookups.agencies(), []);
  const province = Form.useWatch('provinceCode', form) ?? profile.provinceCode;
  const { provinces, communes } = useMemo(() => {
    const all = agencies.data ?? [];
    const parent = new Map(all.map((a) => [a.code, a.parentCode]));
    const under = (code: string, root: string) => {
      for (let c: string | null | undefined = code, i = 0; c && i < 20; c = parent.get(c), i++) if (c === root) return true;
      return false;
    };
    return {
      provinces: all.filter((a) => a.level === 'province').map((a) => ({ value: a.code, label: a.name })),
      communes: all.filter((a) => a.level === 'commune' && (!province || under(a.code, province))).map((a) => ({ value: a.code, label: a.name })),
    };
  }, [agencies.data, province]);

  const save = async (v: Edit) => {
    setBusy(true);
    setUnplaced([]);
    clearErrors(form);
    try {
      const body: Record<string, unknown> = {
        fullName: v.fullName,
        phone: v.phone?.trim() || null,
        dateOfBirth: v.dateOfBirth || null,
        provinceCode: v.provinceCode || null,
        communeCode: v.communeCode || null,
        address: v.address?.trim() || null,
      };
      if (profile.accountType === 'organisation' && v.organisationName) body.organisationName = v.organisationName;
      const p = await api.patch<Profile>('/api/v1/me/profile', body);
      onSaved(p);
      void refresh();
      void message.success(t('acct.profile.saved'));
    } catch (e) {
      setUnplaced(applyProblem(form, e, { t, lang }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="account-card" aria-labelledby="pf-edit">
      <h2 id="pf-edit">{t('acct.profile.edit')}</h2>
      <UnplacedErrors errors={unplaced} className="page-alert" />
      <Form
        form={form}
        layout="vertical"
        disabled={busy}
        initialValues={{ fullName: profile.fullName, phone: profile.phone, dateOfBirth: profile.dateOfBirth, provinceCode: profile.provinceCode, communeCode: profile.communeCode, address: profile.address, organisationName: profile.organisationName ?? undefined }}
        onFinish={(v) => void save(v)}
      >
        {profile.accountType === 'organisation' ? (
          <Form.Item name="organisationName" label={t('acct.reg.organisationName')} rules={[{ required: true, message: t('common.required') }]}>
            <Input />
          </Form.Item>
        ) : null}
        <Form.Item name="fullName" label={profile.accountType === 'organisation' ? t('acct.reg.representative') : t('acct.reg.fullName')} rules={[{ required: true, message: t('common.required') }]}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name="phone" label={t('acct.reg.phone')}>
          <Input type="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item name="dateOfBirth" label={t('acct.reg.dateOfBirth')}>
          <Input type="date" autoComplete="bday" />
        </Form.Item>
        <Form.Item name="provinceCode" label={t('acct.profile.province')}>
          <Select allowClear options={provinces} loading={agencies.loading} onChange={() => form.setFieldValue('communeCode', null)} aria-label={t('acct.profile.province')} />
        </Form.Item>
        <Form.Item name="communeCode" label={t('acct.profile.commune')}>
          <Select allowClear showSearch optionFilterProp="label" options={communes} loading={agencies.loading} aria-label={t('acct.profile.commune')} />
        </Form.Item>
        <Form.Item name="address" label={t('acct.profile.address')}>
          <Input autoComplete="street-address" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('common.save')}
        </Button>
      </Form>
    </section>
  );
}

function Preferences({ smsAvailable }: { smsAvailable: boolean }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const loaded = useLoad((signal) => api.get<NotificationPreferences>('/api/v1/me/notification-preferences', undefined, { signal }), []);
  const [prefs, setPrefs] = useState<NotificationPreferences | null>(null);
  const [busy, setBusy] = useState(false);
  const current = prefs ?? loaded.data;
  if (loaded.loading && !current) return <Loading />;
  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  const set = (e: (typeof PREFERENCE_EVENTS)[number], ch: 'email' | 'sms', v: boolean) => setPrefs({ ...current!, [e]: { ...current![e], [ch]: v } });
  const save = async () => {
    setBusy(true);
    try {
      setPrefs(await api.put<NotificationPreferences>('/api/v1/me/notification-preferences', current));
      void message.success(t('acct.profile.prefsSaved'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="account-card" aria-labelledby="pf-prefs">
      <h2 id="pf-prefs">{t('acct.profile.prefs')}</h2>
      <p>{t('acct.profile.prefsLead')}</p>
      {!smsAvailable ? <p className="form-note">{t('acct.profile.prefsSmsUnavailable')}</p> : null}
      <table className="prefs-table">
        <thead>
          <tr>
            <th scope="col">{t('acct.profile.prefsEvent')}</th>
            <th scope="col" className="check">
              {t('acct.profile.prefsEmail')}
            </th>
            <th scope="col" className="check">
              {t('acct.profile.prefsSms')}
            </th>
          </tr>
        </thead>
        <tbody>
          {PREFERENCE_EVENTS.map((e) => {
            const label = t(`acct.event.${e}` as MessageKey);
            return (
              <tr key={e}>
                <th scope="row">{label}</th>
                <td className="check">
                  <Checkbox checked={current![e].email} onChange={(x) => set(e, 'email', x.target.checked)} aria-label={`${label}: ${t('acct.profile.prefsEmail')}`} />
                </td>
                <td className="check">
                  <Checkbox checked={current![e].sms} disabled={!smsAvailable} onChange={(x) => set(e, 'sms', x.target.checked)} aria-label={`${label}: ${t('acct.profile.prefsSms')}`} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Button type="primary" onClick={() => void save()} loading={busy} style={{ marginTop: 12 }}>
        {t('common.save')}
      </Button>
    </section>
  );
}

function PhoneVerification({ onVerified }: { onVerified: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ code: string }>();
  const [note, setNote] = useState<string | null>(null);
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);
  const send = async () => {
    await api.post('/api/v1/me/phone/verify/resend');
    setNote(t('acct.verify.resent'));
  };
  const verify = async (v: { code: string }) => {
    try {
      await api.post('/api/v1/me/phone/verify', { code: v.code.trim() }, { quiet: true });
      onVerified();
    } catch (e) {
      setUnplaced(applyProblem(form, e, { t, lang }));
    }
  };
  return (
    <section className="account-card" aria-labelledby="pf-phone">
      <h2 id="pf-phone">{t('acct.profile.verifyPhone')}</h2>
      {note ? <Alert type="info" showIcon role="status" message={note} className="page-alert" /> : null}
      <UnplacedErrors errors={unplaced} />
      <Form form={form} layout="vertical" onFinish={(v) => void verify(v)}>
        <Form.Item name="code" label={t('acct.profile.phoneCode')} rules={[{ pattern: /^\d{6}$/, message: t('acct.verify.codeFormat') }, { required: true, message: t('common.required') }]}>
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
        </Form.Item>
        <div className="account-links">
          <Button type="primary" htmlType="submit">
            {t('acct.verify.submit')}
          </Button>
          <Button onClick={() => void send()}>{t('acct.profile.sendPhoneCode')}</Button>
        </div>
      </Form>
    </section>
  );
}

function ChangePassword() {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    clearErrors(form);
    try {
      await api.post('/api/v1/auth/password', v, { quiet: true });
      form.resetFields();
      void message.success(t('acct.profile.passwordChanged'));
    } catch (e) {
      applyProblem(form, e, { t, lang, message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="account-card" aria-labelledby="pf-pw">
      <h2 id="pf-pw">{t('acct.profile.password')}</h2>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={busy}>
        <Form.Item name="currentPassword" label={t('acct.profile.currentPassword')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('acct.reset.newPassword')} extra={t('acct.reg.passwordHelp')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('acct.profile.password')}
        </Button>
      </Form>
    </section>
  );
}

function ProfileContent() {
  const { t } = useI18n();
  useDocumentTitle(t('acct.profile.title'));
  const loaded = useLoad((signal) => api.get<Profile>('/api/v1/me/profile', undefined, { signal }), []);
  const [saved, setSaved] = useState<Profile | null>(null);
  const p = saved ?? loaded.data;
  if (loaded.loading && !p) return <Loading />;
  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  const profile = p!;
  return (
    <div className="container page account-page">
      <h1>{t('acct.profile.title')}</h1>
      {!profile.emailVerified ? (
        <Alert type="warning" showIcon role="alert" className="page-alert" message={t('acct.verify.notVerified')} description={<Link to={`/xac-minh?email=${encodeURIComponent(profile.email ?? '')}`}>{t('acct.verify.goVerify')}</Link>} />
      ) : null}
      <section className="account-card" aria-labelledby="pf-account">
        <h2 id="pf-account">{t('acct.profile.account')}</h2>
        <dl className="facts" data-testid="profile-facts">
          <dt>{t('acct.profile.username')}</dt>
          <dd>{profile.username}</dd>
          {profile.organisationName ? (
            <>
              <dt>{t('acct.reg.organisationName')}</dt>
              <dd>{profile.organisationName}</dd>
            </>
          ) : null}
          <dt>{profile.accountType === 'organisation' ? t('acct.reg.representative') : t('acct.reg.fullName')}</dt>
          <dd>{profile.fullName}</dd>
          {profile.idNumber ? (
            <>
              <dt>{t('acct.reg.idNumber')}</dt>
              <dd>{profile.idNumber}</dd>
            </>
          ) : null}
          {profile.taxCode ? (
            <>
              <dt>{t('acct.reg.taxCode')}</dt>
              <dd>{profile.taxCode}</dd>
            </>
          ) : null}
          {profile.dateOfBirth ? (
            <>
              <dt>{t('acct.reg.dateOfBirth')}</dt>
              <dd>{formatDate(profile.dateOfBirth)}</dd>
            </>
          ) : null}
          <dt>{t('acct.profile.email')}</dt>
          <dd>
            {profile.email} <ToneTag tone={profile.emailVerified ? 'green' : 'amber'}>{profile.emailVerified ? t('acct.profile.verified') : t('acct.profile.unverified')}</ToneTag>
          </dd>
          <dt>{t('acct.reg.phone')}</dt>
          <dd>
            {profile.phone ?? '—'}{' '}
            {profile.phone && profile.smsAvailable ? <ToneTag tone={profile.phoneVerified ? 'green' : 'amber'}>{profile.phoneVerified ? t('acct.profile.verified') : t('acct.profile.unverified')}</ToneTag> : null}
          </dd>
        </dl>
      </section>
      {profile.smsAvailable && profile.phone && !profile.phoneVerified ? <PhoneVerification onVerified={() => loaded.reload()} /> : null}
      <Details profile={profile} onSaved={setSaved} />
      <Preferences smsAvailable={profile.smsAvailable} />
      <ChangePassword />
    </div>
  );
}

export default function ProfilePage() {
  return (
    <RequireCitizen>
      <ProfileContent />
    </RequireCitizen>
  );
}
