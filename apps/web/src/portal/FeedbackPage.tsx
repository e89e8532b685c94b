import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Input, Radio, Select } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { PublicFeedback } from '@motcua/domain/feedback/feedback.ts';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n, type MessageKey } from '../i18n.ts';
import { useAgencies, useLoad } from '../hooks.ts';
import { formatDateTime } from '../format.ts';
import { fieldErrorsOf, problemText } from '../forms.ts';
import { Loading, LoadError } from '../components/status.tsx';

type Kind = 'feedback' | 'recommendation' | 'question';
type Subject = 'procedure' | 'conduct' | 'service';
const KINDS: Kind[] = ['feedback', 'recommendation', 'question'];
const SUBJECTS: Subject[] = ['procedure', 'conduct', 'service'];

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p id={id} className="field-error" role="alert">
      {text}
    </p>
  ) : null;
}

function SubmitForm() {
  const { t, lang } = useI18n();
  const agencies = useAgencies();
  const blank = { kind: 'feedback' as Kind, subject: 'procedure' as Subject, agencyCode: '', procedureCode: '', title: '', content: '', senderName: '', senderEmail: '', senderPhone: '', private: false };
  const [v, setV] = useState(blank);
  // one key per filled form: a retried send never makes a second item
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [state, setState] = useState<{ busy?: boolean; fields?: Record<string, string>; error?: unknown; sentDue?: string }>({});
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((s) => ({ ...s, [k]: value }));
  const err = (f: string) => state.fields?.[f];
  const described = (f: string, help?: string) => (err(f) ? `fb-${f}-err` : help);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState({ busy: true });
    try {
      const r = await api.post<{ id: string; dueAt: string }>('/api/v1/public/feedback', {
        kind: v.kind,
        subject: v.subject,
        agencyCode: v.agencyCode,
        procedureCode: v.procedureCode.trim() || null,
        title: v.title,
        content: v.content,
        senderName: v.senderName,
        senderEmail: v.senderEmail.trim() || null,
        senderPhone: v.senderPhone.trim() || null,
        private: v.private,
        idempotencyKey: key,
      });
      setState({ sentDue: r.dueAt });
      setV(blank);
      setKey(crypto.randomUUID());
    } catch (ex) {
      const fields = fieldErrorsOf(ex, lang);
      setState(Object.keys(fields).length ? { fields } : { error: ex });
    }
  };

  return (
    <form className="lookup-form" onSubmit={submit} aria-labelledby="fb-form-h" noValidate>
      <h2 id="fb-form-h">{t('fb.formTitle')}</h2>
      <Alert type="info" showIcon message={t('fb.notComplaints')} />
      <fieldset>
        <legend>{t('fb.kind')}</legend>
        <Radio.Group value={v.kind} onChange={(e) => set('kind', e.target.value as Kind)} options={KINDS.map((k) => ({ value: k, label: t(`fb.kind.${k}` as MessageKey) }))} />
      </fieldset>
      <fieldset>
        <legend>{t('fb.subject')}</legend>
        <Radio.Group value={v.subject} onChange={(e) => set('subject', e.target.value as Subject)} options={SUBJECTS.map((k) => ({ value: k, label: t(`fb.subject.${k}` as MessageKey) }))} />
      </fieldset>
      <label htmlFor="fb-agency">{t('fb.agency')}</label>
      <Select
        id="fb-agency"
        showSearch
        optionFilterProp="label"
        value={v.agencyCode || undefined}
        onChange={(code: string) => set('agencyCode', code)}
        options={(agencies.data ?? []).map((a) => ({ value: a.code, label: a.name }))}
        aria-invalid={!!err('agencyCode')}
        aria-describedby={described('agencyCode')}
        loading={agencies.loading}
      />
      <FieldError id="fb-agencyCode-err" text={err('agencyCode')} />
      <label htmlFor="fb-proc">{t('fb.procedureCode')}</label>
      <Input id="fb-proc" value={v.procedureCode} onChange={(e) => set('procedureCode', e.target.value)} autoComplete="off" aria-invalid={!!err('procedureCode')} aria-describedby={described('procedureCode')} />
      <FieldError id="fb-procedureCode-err" text={err('procedureCode')} />
      <label htmlFor="fb-title">{t('fb.titleField')}</label>
      <Input id="fb-title" value={v.title} onChange={(e) => set('title', e.target.value)} maxLength={200} aria-invalid={!!err('title')} aria-describedby={described('title')} />
      <FieldError id="fb-title-err" text={err('title')} />
      <label htmlFor="fb-content">{t('fb.content')}</label>
      <Input.TextArea id="fb-content" value={v.content} onChange={(e) => set('content', e.target.value)} rows={5} maxLength={5000} aria-invalid={!!err('content')} aria-describedby={described('content')} />
      <FieldError id="fb-content-err" text={err('content')} />
      <label htmlFor="fb-name">{t('fb.senderName')}</label>
      <Input id="fb-name" value={v.senderName} onChange={(e) => set('senderName', e.target.value)} autoComplete="name" aria-invalid={!!err('senderName')} aria-describedby={described('senderName')} />
      <FieldError id="fb-senderName-err" text={err('senderName')} />
      <label htmlFor="fb-email">{t('fb.senderEmail')}</label>
      <Input id="fb-email" type="email" value={v.senderEmail} onChange={(e) => set('senderEmail', e.target.value)} autoComplete="email" aria-invalid={!!err('senderEmail')} aria-describedby={described('senderEmail', 'fb-contact-help')} />
      <FieldError id="fb-senderEmail-err" text={err('senderEmail')} />
      <label htmlFor="fb-phone">{t('fb.senderPhone')}</label>
      <Input id="fb-phone" type="tel" value={v.senderPhone} onChange={(e) => set('senderPhone', e.target.value)} autoComplete="tel" aria-invalid={!!err('senderPhone')} aria-describedby={described('senderPhone', 'fb-contact-help')} />
      <FieldError id="fb-senderPhone-err" text={err('senderPhone')} />
      <p id="fb-contact-help" className="form-note">
        {t('fb.contactHint')}
      </p>
      <Checkbox checked={v.private} onChange={(e) => set('private', e.target.checked)}>
        {t('fb.private')}
      </Checkbox>
      <div>
        <Button type="primary" htmlType="submit" loading={!!state.busy}>
          {t('fb.submit')}
        </Button>
      </div>
      {state.sentDue ? <Alert type="success" showIcon role="status" message={t('fb.sent', { due: formatDateTime(state.sentDue, lang) })} /> : null}
      {state.error ? <Alert type="error" showIcon role="alert" message={problemText(state.error, t)} /> : null}
    </form>
  );
}

function PublishedList() {
  const { t, lang, dataLang } = useI18n();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const list = useLoad((signal) => api.get<{ items: PublicFeedback[]; total: number }>('/api/v1/public/feedback', { q: query, pageSize: 50 }, { signal }), [query]);
  return (
    <section aria-labelledby="fb-pub-h">
      <h2 id="fb-pub-h">{t('fb.published')}</h2>
      <form
        className="search-row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(q.trim());
        }}
      >
        <label htmlFor="fb-q" className="visually-hidden">
          {t('fb.searchLabel')}
        </label>
        <Input id="fb-q" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('fb.searchLabel')} />
        <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
          {t('common.search')}
        </Button>
      </form>
      {list.loading ? <Loading /> : list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.data && list.data.items.length === 0 ? <p role="status">{t('fb.noneFound')}</p> : null}
      {list.data?.items.map((i) => (
        <article key={i.id} className="lookup-card" aria-labelledby={`fb-${i.id}`}>
          <h3 id={`fb-${i.id}`} lang={dataLang}>
            {i.title}
          </h3>
          <p className="form-note">
            {t(`fb.kind.${i.kind}` as MessageKey)} · {i.agencyName} · {t('fb.sender')}: {i.sender} · {t('fb.receivedAt')} {formatDateTime(i.receivedAt, lang)}
          </p>
          <p lang={dataLang}>{i.content}</p>
          <h4>
            {t('fb.answer')} ({formatDateTime(i.answeredAt, lang)})
          </h4>
          <p lang={dataLang}>{i.answer}</p>
        </article>
      ))}
    </section>
  );
}

/** Phản ánh, kiến nghị: submit, and the published answers [001 Art. 21; 002 Art. 13; 003 Art. 26]. */
export default function FeedbackPage() {
  const { t } = useI18n();
  useDocumentTitle(t('fb.title'));
  return (
    <div className="container page">
      <h1>{t('fb.title')}</h1>
      <p className="lead">{t('fb.intro')}</p>
      <SubmitForm />
      <PublishedList />
    </div>
  );
}
