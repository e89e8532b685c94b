import { useState } from 'react';
import { Alert, App, Button, Pagination, Popconfirm, Select, Table } from 'antd';
import { Link } from 'react-router';
import { api, enc } from '../../api.ts';
import { useDocumentTitle, useI18n } from '../../i18n.ts';
import { useLoad, useNarrow } from '../../hooks.ts';
import { formatDateTime } from '../../format.ts';
import { problemText } from '../../forms.ts';
import { Loading, LoadError } from '../../components/status.tsx';
import type { DossierView, Draft } from '../dossierTypes.ts';
import { useRequireCitizen } from '../useRequireCitizen.ts';

/** The orders GET /api/v1/me/dossiers knows; the server sorts, so that every page follows one order. */
type Sort = 'received' | 'appointment' | 'status';
const PAGE_SIZES = [10, 20, 50, 100];

/** Hồ sơ của tôi: the citizen's dossiers (paged and sorted by the server; cards on a phone) and drafts to resume on any device. */
export default function MyDossiersPage() {
  const { t, lang, dataLang } = useI18n();
  const { message } = App.useApp();
  const narrow = useNarrow();
  const session = useRequireCitizen();
  useDocumentTitle(t('my.title'));
  const ready = !!session.me;
  const [sort, setSort] = useState<Sort>('received');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useLoad(
    (signal) => (ready ? api.get<{ items: DossierView[]; total: number }>('/api/v1/me/dossiers', { ...paging, sort }, { signal }) : Promise.resolve({ items: [], total: 0 })),
    [ready, paging.page, paging.pageSize, sort],
  );
  const drafts = useLoad((signal) => (ready ? api.get<{ items: Draft[] }>('/api/v1/me/drafts', undefined, { signal }) : Promise.resolve({ items: [] })), [ready]);
  const rows = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const turn = (page: number, pageSize: number) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize });
  const pager = {
    current: paging.page,
    pageSize: paging.pageSize,
    total,
    pageSizeOptions: PAGE_SIZES,
    showSizeChanger: total > PAGE_SIZES[0]!,
    showTotal: (n: number) => t('my.total', { total: n }),
    hideOnSinglePage: total <= PAGE_SIZES[0]!,
  };

  if (session.loading) return <Loading />;
  const removeDraft = async (id: string) => {
    try {
      await api.del(`/api/v1/me/drafts/${enc(id)}`);
      drafts.reload();
    } catch (e) {
      void message.error(problemText(e, t));
    }
  };

  return (
    <div className="container page my-dossiers">
      <h1>{t('my.title')}</h1>
      <p className="lead">{t('my.intro')}</p>
      {session.notCitizen ? <Alert type="warning" showIcon message={t('wiz.citizensOnly')} /> : null}

      <section aria-labelledby="my-list-h">
        <div className="section-head">
          <h2 id="my-list-h">{t('my.submitted')}</h2>
          <div className="sort-control">
            <label htmlFor="my-sort">{t('my.sortBy')}</label>
            <Select
              id="my-sort"
              value={sort}
              onChange={(v: Sort) => {
                setSort(v);
                setPaging((p) => ({ ...p, page: 1 }));
              }}
              options={[
                { value: 'received', label: t('my.sortReceived') },
                { value: 'appointment', label: t('my.sortAppointment') },
                { value: 'status', label: t('my.sortStatus') },
              ]}
              style={{ minWidth: 200 }}
            />
          </div>
        </div>
        {list.loading && !list.data ? <Loading /> : null}
        {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
        {list.data && !total ? (
          <p>
            {t('my.none')} <Link to="/thu-tuc">{t('my.browse')}</Link>
          </p>
        ) : null}
        {rows.length && narrow ? (
          <ul className="dossier-cards">
            {rows.map((d) => (
              <li key={d.id} className="dossier-card">
                <Link to={`/ca-nhan/ho-so/${d.id}`} className="dossier-card-title" lang={dataLang}>
                  {d.procedure.name}
                </Link>
                <dl className="facts">
                  <dt>{t('my.code')}</dt>
                  <dd className="code">{d.code ?? t('my.noCode')}</dd>
                  <dt>{t('my.status')}</dt>
                  <dd>
                    <strong>{d.publicStatus[lang]}</strong>
                  </dd>
                  <dt>{t('my.received')}</dt>
                  <dd>{formatDateTime(d.submittedAt, lang)}</dd>
                  <dt>{t('my.appointment')}</dt>
                  <dd>{formatDateTime(d.appointment, lang) || '—'}</dd>
                </dl>
              </li>
            ))}
          </ul>
        ) : null}
        {rows.length && narrow ? <Pagination className="my-pager" size="small" showLessItems {...pager} onChange={turn} /> : null}
        {rows.length && !narrow ? (
          <Table<DossierView>
            rowKey="id"
            dataSource={rows}
            loading={list.loading}
            pagination={{ ...pager, onChange: turn }}
            columns={[
              { title: t('my.procedure'), key: 'p', render: (_, d) => <Link to={`/ca-nhan/ho-so/${d.id}`} lang={dataLang}>{d.procedure.name}</Link> },
              { title: t('my.code'), key: 'c', render: (_, d) => <span className="code">{d.code ?? t('my.noCode')}</span> },
              { title: t('my.status'), key: 's', render: (_, d) => d.publicStatus[lang] },
              { title: t('my.received'), key: 'r', render: (_, d) => formatDateTime(d.submittedAt, lang) },
              { title: t('my.appointment'), key: 'a', render: (_, d) => formatDateTime(d.appointment, lang) || '—' },
            ]}
          />
        ) : null}
      </section>

      <section aria-labelledby="my-drafts-h">
        <h2 id="my-drafts-h">{t('my.drafts')}</h2>
        {drafts.error ? <LoadError error={drafts.error} onRetry={drafts.reload} /> : null}
        {drafts.data && !drafts.data.items.length ? <p>{t('my.noDrafts')}</p> : null}
        {drafts.data?.items.length ? (
          <ul className="dossier-cards">
            {drafts.data.items.map((d) => (
              <li key={d.id} className="dossier-card draft-card">
                <span className="dossier-card-title" lang={dataLang}>
                  {d.title}
                </span>
                <span className="muted">{t('my.draftUpdated', { time: formatDateTime(d.updatedAt, lang) })}</span>
                <span className="card-actions">
                  <Link to={`/nop-ho-so/${enc(d.procedureCode)}?nhap=${enc(d.id)}`}>{t('my.continue')}</Link>
                  <Popconfirm title={t('my.deleteDraftConfirm')} onConfirm={() => void removeDraft(d.id)} okText={t('my.deleteDraft')} cancelText={t('dd.cancel')}>
                    <Button type="link" danger>
                      {t('my.deleteDraft')}
                    </Button>
                  </Popconfirm>
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
