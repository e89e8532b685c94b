import { useState } from 'react';
import { Alert, App, Button, Input, Select, Space } from 'antd';
import { ToneTag } from '../components/tags.tsx';
import type { FeedbackItem } from '@motcua/domain/feedback/feedback.ts';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n, type MessageKey } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { formatDateTime } from '../format.ts';
import { fieldErrorsOf, problemText } from '../forms.ts';
import { Loading, LoadError } from '../components/status.tsx';
import { useAuth } from './auth.tsx';

const WARNING_TONE = { overdue: 'red', 'due-soon': 'amber', 'not-due': 'green' } as const;

/** One item: answer, route to the competent agency, publish. Refusals are shown next to the field they name. */
function ItemCard({ item, onChanged }: { item: FeedbackItem; onChanged: () => void }) {
  const { t, lang, dataLang } = useI18n();
  const { hasRole } = useAuth();
  const { message } = App.useApp();
  const [answer, setAnswer] = useState(item.answer ?? '');
  const [routeTo, setRouteTo] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const id = item.id;
  const run = async (what: string, call: () => Promise<unknown>) => {
    setBusy(what);
    setErrors({});
    try {
      await call();
      void message.success(t('fb.bo.done'));
      onChanged();
    } catch (e) {
      const fields = fieldErrorsOf(e, lang);
      setErrors(Object.keys(fields).length ? fields : { _: problemText(e, t) });
    } finally {
      setBusy(null);
    }
  };
  const canAnswer = hasRole('specialist', 'head', 'leader', 'controller', 'agency_admin') && !item.publishedAt;
  const canDecide = hasRole('leader', 'controller', 'agency_admin', 'system_admin');
  return (
    <article className="lookup-card" aria-labelledby={`fbi-${id}`}>
      <h2 id={`fbi-${id}`} lang={dataLang}>
        {item.title}
      </h2>
      <Space wrap>
        {item.warning ? <ToneTag tone={WARNING_TONE[item.warning]}>{t(`fb.warning.${item.warning}` as MessageKey)}</ToneTag> : null}
        <ToneTag tone="blue">{t(`fb.status.${item.status}` as MessageKey)}</ToneTag>
        <ToneTag tone="grey">{t(`fb.kind.${item.kind}` as MessageKey)}</ToneTag>
        {item.private ? <ToneTag tone="purple">{t('fb.bo.privateNote')}</ToneTag> : null}
        {item.enteredLate ? <ToneTag tone="amber">{t('fb.bo.enteredLate')}</ToneTag> : null}
      </Space>
      <dl className="facts">
        <dt>{t('fb.sender')}</dt>
        <dd lang={dataLang}>
          {item.senderName} {item.senderEmail ?? ''} {item.senderPhone ?? ''}
        </dd>
        <dt>{t('fb.agency')}</dt>
        <dd lang={dataLang}>{item.agencyName}</dd>
        <dt>{t('fb.channel')}</dt>
        <dd>{t(`fb.channel.${item.channel}` as MessageKey)}</dd>
        <dt>{t('fb.receivedAt')}</dt>
        <dd>{formatDateTime(item.receivedAt, lang)}</dd>
        <dt>{t('fb.due')}</dt>
        <dd>{formatDateTime(item.dueAt, lang)}</dd>
      </dl>
      <p lang={dataLang}>{item.content}</p>
      {canAnswer ? (
        <div>
          <label htmlFor={`ans-${id}`}>{t('fb.answer')}</label>
          <Input.TextArea id={`ans-${id}`} value={answer} onChange={(e) => setAnswer(e.target.value)} rows={3} aria-invalid={!!errors.answer} aria-describedby={errors.answer ? `ans-${id}-err` : undefined} />
          {errors.answer ? (
            <p id={`ans-${id}-err`} className="field-error" role="alert">
              {errors.answer}
            </p>
          ) : null}
          <Button onClick={() => run('answer', () => api.post(`/api/v1/feedback/${id}/answer`, { answer }))} loading={busy === 'answer'}>
            {t('fb.bo.answerAction')}
          </Button>
        </div>
      ) : item.answer ? (
        <p lang={dataLang}>
          <strong>{t('fb.answer')}:</strong> {item.answer}
        </p>
      ) : null}
      {canDecide && !item.answeredAt ? (
        <div>
          <label htmlFor={`rt-${id}`}>{t('fb.bo.routeTo')}</label>
          <Input id={`rt-${id}`} value={routeTo} onChange={(e) => setRouteTo(e.target.value)} aria-invalid={!!errors.agencyCode} aria-describedby={errors.agencyCode ? `rt-${id}-err` : undefined} />
          {errors.agencyCode ? (
            <p id={`rt-${id}-err`} className="field-error" role="alert">
              {errors.agencyCode}
            </p>
          ) : null}
          <label htmlFor={`rn-${id}`}>{t('fb.bo.routeNote')}</label>
          <Input id={`rn-${id}`} value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={!!errors.note} aria-describedby={errors.note ? `rn-${id}-err` : undefined} />
          {errors.note ? (
            <p id={`rn-${id}-err`} className="field-error" role="alert">
              {errors.note}
            </p>
          ) : null}
          <Button onClick={() => run('route', () => api.post(`/api/v1/feedback/${id}/route`, { agencyCode: routeTo.trim(), note }))} loading={busy === 'route'}>
            {t('fb.bo.routeAction')}
          </Button>
        </div>
      ) : null}
      {canDecide && item.answeredAt && !item.publishedAt && !item.private ? (
        <Button type="primary" onClick={() => run('publish', () => api.post(`/api/v1/feedback/${id}/publish`))} loading={busy === 'publish'}>
          {t('fb.bo.publishAction')}
        </Button>
      ) : null}
      {errors._ || errors.private || errors.status ? <Alert type="error" showIcon role="alert" message={errors._ ?? errors.private ?? errors.status} /> : null}
    </article>
  );
}

/** The agency's feedback, questions first by warning (overdue, due soon) then by due date [003 Art. 21]. */
export default function FeedbackAdminPage() {
  const { t } = useI18n();
  useDocumentTitle(t('fb.bo.title'));
  const [warning, setWarning] = useState<'' | 'overdue' | 'due-soon'>('');
  const list = useLoad((signal) => api.get<{ items: FeedbackItem[]; total: number }>('/api/v1/feedback', { warning, pageSize: 100 }, { signal }), [warning]);
  return (
    <div className="page">
      <h1>{t('fb.bo.title')}</h1>
      <label htmlFor="fb-warn">{t('fb.bo.filterWarning')}</label>
      <Select
        id="fb-warn"
        value={warning}
        onChange={(v: '' | 'overdue' | 'due-soon') => setWarning(v)}
        style={{ minWidth: 220, display: 'block' }}
        options={[
          { value: '', label: t('fb.bo.all') },
          { value: 'overdue', label: t('fb.warning.overdue') },
          { value: 'due-soon', label: t('fb.warning.due-soon') },
        ]}
      />
      {list.loading ? <Loading /> : list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.data && list.data.items.length === 0 ? <p role="status">{t('fb.bo.empty')}</p> : null}
      {list.data?.items.map((i) => <ItemCard key={`${i.id}-${i.status}-${i.agencyCode}`} item={i} onChanged={list.reload} />)}
    </div>
  );
}
