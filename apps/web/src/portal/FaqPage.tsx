import { useState } from 'react';
import { Button, Collapse, Input } from 'antd';
import { useSearchParams } from 'react-router';
import type { Faq } from '@motcua/domain/feedback/feedback.ts';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { Loading, LoadError } from '../components/status.tsx';

/** Câu hỏi thường gặp, general and per procedure [002 Art. 6.4; 003 Art. 25]. */
export default function FaqPage() {
  const { t, dataLang } = useI18n();
  useDocumentTitle(t('faq.title'));
  const [params, setParams] = useSearchParams();
  const procedure = params.get('thu-tuc') ?? '';
  const [filter, setFilter] = useState(procedure);
  const list = useLoad((signal) => api.get<{ items: Faq[] }>('/api/v1/public/faq', { procedure }, { signal }), [procedure]);
  return (
    <div className="container page">
      <h1>{t('faq.title')}</h1>
      <p className="lead">{t('faq.intro')}</p>
      <form
        className="search-row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setParams(filter.trim() ? { 'thu-tuc': filter.trim() } : {});
        }}
      >
        <label htmlFor="faq-proc" className="visually-hidden">
          {t('faq.filter')}
        </label>
        <Input id="faq-proc" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('faq.filter')} aria-describedby="faq-proc-help" />
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
      </form>
      <p id="faq-proc-help" className="form-note">
        {t('faq.filterHint')}
      </p>
      {list.loading ? <Loading /> : list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.data && list.data.items.length === 0 ? <p role="status">{t('faq.empty')}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <Collapse
          items={list.data.items.map((f) => ({
            key: f.id,
            label: (
              <span lang={dataLang}>
                {f.question} <span className="form-note">({f.procedureCode ? `${t('faq.procedure')} ${f.procedureCode}` : t('faq.general')} · {f.agencyName})</span>
              </span>
            ),
            children: <p lang={dataLang}>{f.answer}</p>,
          }))}
        />
      ) : null}
    </div>
  );
}
