import { useState } from 'react';
import { Button, Pagination } from 'antd';
import { ToneTag } from '../components/tags.tsx';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { formatDateTime } from '../format.ts';
import { Loading, LoadError } from '../components/status.tsx';
import { RequireCitizen, useCitizen } from './auth.tsx';

interface InboxItem {
  id: string;
  event: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/** A link of a message points at the portal itself; keep it same-origin (relative) when it does. */
function localHref(link: string): string {
  try {
    const u = new URL(link, window.location.origin);
    return u.origin === window.location.origin || u.pathname.startsWith('/') ? `${u.pathname}${u.search}` : link;
  } catch {
    return link;
  }
}

function Inbox() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('acct.inbox.title'));
  const { refreshUnread } = useCitizen();
  const [page, setPage] = useState(1);
  const list = useLoad((signal) => api.get<{ items: InboxItem[]; total: number; unread: number }>('/api/v1/me/notifications', { page, pageSize: 20 }, { signal }), [page]);
  const read = async (id: string) => {
    await api.post(`/api/v1/me/notifications/${id}/read`);
    list.reload();
    refreshUnread();
  };
  const readAll = async () => {
    await api.post('/api/v1/me/notifications/read-all');
    list.reload();
    refreshUnread();
  };
  return (
    <div className="container page account-page wide">
      <h1>{t('acct.inbox.title')}</h1>
      {list.loading && !list.data ? <Loading /> : null}
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.data ? (
        <>
          <p role="status">{t('acct.inbox.summary', { unread: list.data.unread, total: list.data.total })}</p>
          {list.data.unread ? <Button onClick={() => void readAll()}>{t('acct.inbox.markAll')}</Button> : null}
          {list.data.items.length ? (
            <ul className="plain-list" aria-label={t('acct.inbox.title')}>
              {list.data.items.map((n) => (
                <li key={n.id} className={`inbox-item${n.readAt ? '' : ' unread'}`}>
                  <h2>
                    {n.title} {n.readAt ? null : <ToneTag tone="red">{t('acct.inbox.unread')}</ToneTag>}
                  </h2>
                  <p className="form-note">{formatDateTime(n.createdAt, lang)}</p>
                  <p>{n.body}</p>
                  <div className="account-links">
                    {n.link ? <a href={localHref(n.link)}>{t('acct.inbox.open')}</a> : null}
                    {n.readAt ? null : (
                      <Button size="small" onClick={() => void read(n.id)}>
                        {t('acct.inbox.markRead')}
                      </Button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('acct.inbox.empty')}</p>
          )}
          {list.data.total > 20 ? <Pagination current={page} pageSize={20} total={list.data.total} onChange={setPage} showSizeChanger={false} /> : null}
        </>
      ) : null}
    </div>
  );
}

export default function InboxPage() {
  return (
    <RequireCitizen>
      <Inbox />
    </RequireCitizen>
  );
}
