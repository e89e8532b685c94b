import { useState, type FormEvent } from 'react';
import { Alert, App, Button, Checkbox, Input, Table, type TableColumnsType } from 'antd';
import type { Faq } from '@motcua/domain/feedback/feedback.ts';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { fieldErrorsOf, problemText } from '../forms.ts';
import { Loading, LoadError } from '../components/status.tsx';
import { useAuth } from './auth.tsx';

/** FAQ kept by agency administrators, per procedure or general [002 Art. 6.4]. */
export default function FaqAdminPage() {
  const { t, lang, dataLang } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  useDocumentTitle(t('faq.bo.title'));
  const list = useLoad((signal) => api.get<{ items: Faq[] }>('/api/v1/faq', undefined, { signal }), []);
  const ownAgency = me?.roles.find((r) => r.role === 'agency_admin' || r.role === 'system_admin')?.agencyCode ?? '';
  const [v, setV] = useState({ agencyCode: ownAgency, procedureCode: '', question: '', answer: '', published: true });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((s) => ({ ...s, [k]: value }));
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    try {
      await api.post('/api/v1/faq', { ...v, agencyCode: v.agencyCode || ownAgency, procedureCode: v.procedureCode.trim() || null });
      void message.success(t('common.saved'));
      setV((s) => ({ ...s, question: '', answer: '' }));
      list.reload();
    } catch (ex) {
      const fields = fieldErrorsOf(ex, lang);
      setErrors(Object.keys(fields).length ? fields : { _: problemText(ex, t) });
    }
  };
  const remove = async (id: string) => {
    try {
      await api.del(`/api/v1/faq/${id}`);
      list.reload();
    } catch (ex) {
      void message.error(problemText(ex, t));
    }
  };
  const err = (f: string) =>
    errors[f] ? (
      <p id={`faq-${f}-err`} className="field-error" role="alert">
        {errors[f]}
      </p>
    ) : null;
  const columns: TableColumnsType<Faq> = [
    { title: t('faq.question'), dataIndex: 'question', render: (q: string) => <span lang={dataLang}>{q}</span> },
    { title: t('faq.procedure'), dataIndex: 'procedureCode', render: (c: string | null) => c ?? t('faq.general') },
    { title: t('faq.published'), dataIndex: 'published', render: (p: boolean) => (p ? '✓' : '—') },
    {
      title: t('common.actions'),
      key: 'a',
      render: (_: unknown, f) => (
        <Button danger size="small" onClick={() => void remove(f.id)} aria-label={`${t('faq.delete')}: ${f.question}`}>
          {t('faq.delete')}
        </Button>
      ),
    },
  ];
  return (
    <div className="page">
      <h1>{t('faq.bo.title')}</h1>
      <form className="lookup-form" onSubmit={add} aria-labelledby="faq-add-h" noValidate>
        <h2 id="faq-add-h">{t('faq.add')}</h2>
        <label htmlFor="faq-agency">{t('faq.agency')}</label>
        <Input id="faq-agency" value={v.agencyCode} onChange={(e) => set('agencyCode', e.target.value)} aria-invalid={!!errors.agencyCode} aria-describedby={errors.agencyCode ? 'faq-agencyCode-err' : undefined} />
        {err('agencyCode')}
        <label htmlFor="faq-proc">{t('fb.procedureCode')}</label>
        <Input id="faq-proc" value={v.procedureCode} onChange={(e) => set('procedureCode', e.target.value)} aria-invalid={!!errors.procedureCode} aria-describedby={errors.procedureCode ? 'faq-procedureCode-err' : undefined} />
        {err('procedureCode')}
        <label htmlFor="faq-q">{t('faq.question')}</label>
        <Input id="faq-q" value={v.question} onChange={(e) => set('question', e.target.value)} aria-invalid={!!errors.question} aria-describedby={errors.question ? 'faq-question-err' : undefined} />
        {err('question')}
        <label htmlFor="faq-a">{t('faq.answer')}</label>
        <Input.TextArea id="faq-a" value={v.answer} onChange={(e) => set('answer', e.target.value)} rows={4} aria-invalid={!!errors.answer} aria-describedby={errors.answer ? 'faq-answer-err' : undefined} />
        {err('answer')}
        <Checkbox checked={v.published} onChange={(e) => set('published', e.target.checked)}>
          {t('faq.published')}
        </Checkbox>
        <div>
          <Button type="primary" htmlType="submit">
            {t('common.save')}
          </Button>
        </div>
        {errors._ ? <Alert type="error" showIcon role="alert" message={errors._} /> : null}
      </form>
      {list.loading ? <Loading /> : list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.data ? <Table<Faq> rowKey="id" columns={columns} dataSource={list.data.items} pagination={{ pageSize: 20 }} scroll={{ x: true }} /> : null}
    </div>
  );
}
