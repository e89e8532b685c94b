import { useState } from 'react';
import { Alert, Button, Input, Radio } from 'antd';
import { Link, useParams } from 'react-router';
import { RATING_CRITERIA, RATING_LEVELS, type Rating, type RatingCriterion, type RatingLevel } from '@motcua/domain';
import { api, enc } from '../api.ts';
import { useDocumentTitle, useI18n, type MessageKey } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { fieldMessage, problemText } from '../forms.ts';
import { ApiError } from '../api.ts';
import { Loading, LoadError } from '../components/status.tsx';
import { RequireCitizen } from './auth.tsx';

interface RatingState {
  dossierId: string;
  dossierCode: string | null;
  procedureName: string;
  canRate: boolean;
  refusal: 'not-completed' | 'already-rated' | null;
  rating: Rating | null;
}

/**
 * Đánh giá mức độ hài lòng [SPEC §13; 004 Art. 14.2]: the overall judgement and three criteria,
 * each a radio group with its legend (three levels), once per dossier.
 */
function RatingForm() {
  const { t, lang, dataLang } = useI18n();
  const { id = '' } = useParams();
  useDocumentTitle(t('acct.rate.title'));
  const state = useLoad((signal) => api.get<RatingState>(`/api/v1/me/dossiers/${enc(id)}/rating`, undefined, { signal }), [id]);
  const [answers, setAnswers] = useState<Partial<Record<RatingCriterion, RatingLevel>>>({});
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState<Rating | null>(null);
  const [busy, setBusy] = useState(false);

  if (state.loading && !state.data) return <Loading />;
  if (state.error) return <LoadError error={state.error} onRetry={state.reload} />;
  const s = state.data!;
  const done = sent ?? s.rating;

  const submit = async () => {
    const missing = Object.fromEntries(RATING_CRITERIA.filter((c) => !answers[c]).map((c) => [c, t('acct.rate.choose')]));
    setErrors(missing);
    if (Object.keys(missing).length) {
      document.getElementById(`rate-${Object.keys(missing)[0]}`)?.querySelector('input')?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      setSent(await api.post<Rating>(`/api/v1/me/dossiers/${enc(id)}/rating`, { ...answers, ...(comment.trim() ? { comment: comment.trim() } : {}) }, { quiet: true }));
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length) setErrors(Object.fromEntries(e.fieldErrors.map((f) => [f.field, fieldMessage(f, lang)])));
      else setFailure(problemText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="container page account-page">
      <h1>{t('acct.rate.title')}</h1>
      <p className="lead">{t('acct.rate.lead', { code: s.dossierCode ?? '—' })}</p>
      <p lang={dataLang}>
        <strong>{s.procedureName}</strong>
      </p>
      {failure ? <Alert type="error" showIcon role="alert" message={failure} className="page-alert" /> : null}
      {done ? (
        <>
          <Alert type="success" showIcon role="status" message={sent ? t('acct.rate.thanks') : t('acct.rate.already')} className="page-alert" data-testid="rating-done" />
          <section className="account-card" aria-labelledby="rt-sent">
            <h2 id="rt-sent">{t('acct.rate.yourAnswers')}</h2>
            <dl className="facts">
              {RATING_CRITERIA.map((c) => (
                <div key={c} style={{ display: 'contents' }}>
                  <dt>{t(`acct.rate.${c}` as MessageKey)}</dt>
                  <dd>{t(`acct.rate.${done[c]}` as MessageKey)}</dd>
                </div>
              ))}
            </dl>
          </section>
        </>
      ) : s.refusal === 'not-completed' ? (
        <Alert type="info" showIcon role="status" message={t('acct.rate.notCompleted')} />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          noValidate
        >
          {RATING_CRITERIA.map((c) => (
            <fieldset key={c} id={`rate-${c}`} className="rating-fieldset" aria-describedby={errors[c] ? `rate-${c}-err` : undefined}>
              <legend>{t(`acct.rate.${c}` as MessageKey)}</legend>
              <Radio.Group value={answers[c]} onChange={(e) => setAnswers({ ...answers, [c]: e.target.value as RatingLevel })} name={c}>
                {RATING_LEVELS.map((l) => (
                  <Radio key={l} value={l}>
                    {t(`acct.rate.${l}` as MessageKey)}
                  </Radio>
                ))}
              </Radio.Group>
              {errors[c] ? (
                <p id={`rate-${c}-err`} className="field-error" role="alert">
                  {errors[c]}
                </p>
              ) : null}
            </fieldset>
          ))}
          <label htmlFor="rate-comment">{t('acct.rate.comment')}</label>
          <Input.TextArea id="rate-comment" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} rows={3} />
          <div className="account-links">
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('acct.rate.submit')}
            </Button>
          </div>
        </form>
      )}
      <p>
        <Link to={`/ca-nhan/ho-so/${enc(id)}`}>{t('acct.rate.backToDossier')}</Link>
      </p>
    </div>
  );
}

export default function RatingPage() {
  return (
    <RequireCitizen>
      <RatingForm />
    </RequireCitizen>
  );
}
