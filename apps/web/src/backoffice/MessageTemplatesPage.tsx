import { useState, type FormEvent } from 'react';
import { App, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { api, enc } from '../api.ts';
import { useDocumentTitle, useI18n, type MessageKey } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { fieldErrorsOf, problemText } from '../forms.ts';
import { LoadError, Loading } from '../components/status.tsx';
import './desk/documents.css';

/** One text of GET /api/v1/admin/message-templates (apps/server/src/notifications/routes.ts). */
interface Template {
  key: string;
  channel: string;
  locale: string;
  subject: string | null;
  body: string;
  overridden: boolean;
  builtIn: { subject: string | null; body: string };
  placeholders: string[];
  updatedAt: string | null;
  updatedBy: string | null;
}

const CHANNELS = ['email', 'in-app', 'sms'] as const;
const LOCALES = ['vi', 'en'] as const;

/**
 * Notification templates (mẫu thông báo) per event, channel and language [SPEC §11]: the system
 * administrator rewords a text with the event's {{placeholders}}, which the server checks; its
 * errors are shown on the subject or the text they concern. Resetting drops the change and the
 * built-in text applies again.
 */
export default function MessageTemplatesPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('msg.tpl.title'));
  const { message, modal } = App.useApp();
  const list = useLoad((signal) => api.get<{ items: Template[] }>('/api/v1/admin/message-templates', undefined, { signal }).then((r) => r.items), []);
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('email');
  const [locale, setLocale] = useState<(typeof LOCALES)[number]>(lang === 'en' ? 'en' : 'vi');
  const [editing, setEditing] = useState<Template | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const eventLabel = (key: string) => t(`msg.tpl.ev.${key}` as MessageKey);
  const channelLabel = (c: string) => t(`msg.tpl.channel.${c}` as MessageKey);
  const localeLabel = (l: string) => t(`msg.tpl.locale.${l}` as MessageKey);
  const placeholderLabel = (name: string) => {
    const k = `msg.tpl.ph.${name}` as MessageKey;
    const s = t(k);
    return s === k ? '' : s;
  };
  const url = (x: Template) => `/api/v1/admin/message-templates/${enc(x.key)}/${enc(x.channel)}/${enc(x.locale)}`;

  const open = (x: Template) => {
    setEditing(x);
    setSubject(x.subject ?? '');
    setBody(x.body);
    setErrors({});
    // The editor opens below the list: take the keyboard and the eye there.
    setTimeout(() => document.getElementById(x.channel === 'sms' ? 'msg-body' : 'msg-subject')?.focus(), 0);
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    setErrors({});
    setBusy(true);
    try {
      const saved = await api.put<Template>(url(editing), editing.channel === 'sms' ? { body } : { subject, body }, { quiet: true });
      void message.success(t('msg.tpl.saved'));
      setEditing(saved);
      list.reload();
    } catch (ex) {
      const fields = fieldErrorsOf(ex, lang);
      setErrors(Object.keys(fields).length ? fields : { _: problemText(ex, t) });
    } finally {
      setBusy(false);
    }
  };
  const reset = (x: Template) =>
    modal.confirm({
      title: t('msg.tpl.resetConfirm'),
      okText: t('msg.tpl.reset'),
      cancelText: t('doc.tpl.cancel'),
      onOk: async () => {
        try {
          await api.del(url(x), { quiet: true });
          void message.success(t('msg.tpl.resetDone'));
          setEditing(null);
          list.reload();
        } catch (ex) {
          void message.error(problemText(ex, t));
        }
      },
    });
  const err = (field: string) =>
    errors[field] ? (
      <p id={`msg-${field}-err`} className="field-error" role="alert">
        {errors[field]}
      </p>
    ) : null;

  const rows = (list.data ?? []).filter((x) => x.channel === channel && x.locale === locale);
  return (
    <div className="bo-page">
      <h1>{t('msg.tpl.title')}</h1>
      <p className="lead">{t('msg.tpl.lead')}</p>
      <Space wrap>
        <div className="form-row">
          <label htmlFor="msg-channel">{t('msg.tpl.channel')}</label>
          <Select id="msg-channel" className="doc-scope" value={channel} onChange={(v) => (setChannel(v), setEditing(null))} options={CHANNELS.map((c) => ({ value: c, label: channelLabel(c) }))} />
        </div>
        <div className="form-row">
          <label htmlFor="msg-locale">{t('msg.tpl.locale')}</label>
          <Select id="msg-locale" className="doc-scope" value={locale} onChange={(v) => (setLocale(v), setEditing(null))} options={LOCALES.map((l) => ({ value: l, label: localeLabel(l) }))} />
        </div>
      </Space>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <section aria-labelledby="msg-list">
          <h2 id="msg-list">{t('msg.tpl.list', { channel: channelLabel(channel), locale: localeLabel(locale) })}</h2>
          <Table<Template>
            size="small"
            rowKey={(r) => `${r.key}/${r.channel}/${r.locale}`}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={rows}
            columns={[
              { title: t('msg.tpl.event'), key: 'e', render: (_: unknown, r) => eventLabel(r.key) },
              ...(channel === 'sms' ? [] : [{ title: t('msg.tpl.subject'), key: 's', responsive: ['md' as const], render: (_: unknown, r: Template) => r.subject ?? '—' }]),
              { title: t('msg.tpl.state'), key: 'o', render: (_: unknown, r) => (r.overridden ? <Tag color="blue">{t('msg.tpl.overridden')}</Tag> : <Tag>{t('msg.tpl.builtIn')}</Tag>) },
              {
                title: t('common.actions'),
                key: 'a',
                render: (_: unknown, r) => (
                  <Button size="small" onClick={() => open(r)} aria-label={`${t('msg.tpl.edit')}: ${eventLabel(r.key)} (${channelLabel(r.channel)}, ${localeLabel(r.locale)})`}>
                    {t('msg.tpl.edit')}
                  </Button>
                ),
              },
            ]}
          />
        </section>
      ) : null}
      {editing ? (
        <Card className="ws-card" size="small" title={<h2 className="card-h">{t('msg.tpl.editing', { event: eventLabel(editing.key), channel: channelLabel(editing.channel), locale: localeLabel(editing.locale) })}</h2>}>
          <form onSubmit={(e) => void save(e)} data-testid="message-template-form" noValidate>
            {errors._ ? (
              <p className="field-error" role="alert">
                {errors._}
              </p>
            ) : null}
            {editing.channel === 'sms' ? (
              <p className="muted">{t('msg.tpl.noSubject')}</p>
            ) : (
              <div className="form-row" data-testid="msg-subject-row">
                <label htmlFor="msg-subject">{t('msg.tpl.subject')}</label>
                <Input id="msg-subject" value={subject} maxLength={300} onChange={(e) => setSubject(e.target.value)} aria-invalid={!!errors.subject} aria-describedby={errors.subject ? 'msg-subject-err' : undefined} />
                {err('subject')}
              </div>
            )}
            <div className="form-row" data-testid="msg-body-row">
              <label htmlFor="msg-body">{t('msg.tpl.body')}</label>
              <Input.TextArea id="msg-body" value={body} maxLength={5000} autoSize={{ minRows: 4, maxRows: 16 }} onChange={(e) => setBody(e.target.value)} aria-invalid={!!errors.body} aria-describedby={errors.body ? 'msg-body-err' : 'msg-syntax'} />
              {err('body')}
            </div>
            <section aria-labelledby="msg-placeholders" className="ws-card">
              <h3 id="msg-placeholders">{t('msg.tpl.placeholders')}</h3>
              <p id="msg-syntax" className="muted">
                {t('msg.tpl.syntax')}
              </p>
              <ul className="plain-list columns">
                {editing.placeholders.map((p) => (
                  <li key={p}>
                    <code>{`{{${p}}}`}</code>
                    {placeholderLabel(p) ? ` — ${placeholderLabel(p)}` : ''}
                  </li>
                ))}
              </ul>
            </section>
            {editing.overridden ? (
              <details className="ws-card">
                <summary>{t('msg.tpl.builtInText')}</summary>
                {editing.builtIn.subject ? <p><strong>{editing.builtIn.subject}</strong></p> : null}
                <pre className="msg-builtin">{editing.builtIn.body}</pre>
              </details>
            ) : null}
            <Space wrap className="ws-actions">
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('msg.tpl.save')}
              </Button>
              {editing.overridden ? (
                <Button danger onClick={() => reset(editing)}>
                  {t('msg.tpl.reset')}
                </Button>
              ) : null}
              <Button onClick={() => setEditing(null)}>{t('msg.tpl.close')}</Button>
            </Space>
          </form>
        </Card>
      ) : null}
    </div>
  );
}
