import type { Guide } from '@motcua/domain/feedback/feedback.ts';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n, type MessageKey } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { Loading, LoadError } from '../components/status.tsx';

/** Tài liệu, video hướng dẫn sử dụng Cổng Dịch vụ công [002 Art. 6.3]; videos are links. */
export default function GuidesPage() {
  const { t, dataLang } = useI18n();
  useDocumentTitle(t('guide.title'));
  const list = useLoad((signal) => api.get<{ items: Guide[] }>('/api/v1/public/guides', undefined, { signal }), []);
  return (
    <div className="container page">
      <h1>{t('guide.title')}</h1>
      <p className="lead">{t('guide.intro')}</p>
      {list.loading ? <Loading /> : list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.data && list.data.items.length === 0 ? <p role="status">{t('guide.empty')}</p> : null}
      <ul className="plain-list">
        {list.data?.items.map((g) => (
          <li key={g.id}>
            <a href={g.url} target="_blank" rel="noopener noreferrer" aria-label={t('guide.open', { title: g.title })}>
              <span lang={dataLang}>{g.title}</span>
            </a>{' '}
            <span className="form-note">({t(`guide.kind.${g.kind}` as MessageKey)})</span>
            {g.description ? <p lang={dataLang}>{g.description}</p> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
