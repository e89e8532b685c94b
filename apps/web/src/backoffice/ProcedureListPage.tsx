import { Button, Input, Select, Table, type TableColumnsType } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { VersionStatus } from '@motcua/domain';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { useFields, useLoad } from '../hooks.ts';
import { LoadError } from '../components/status.tsx';
import { DemoCodeTag, VersionStatusTag } from '../components/tags.tsx';
import { useAuth, CATALOGUE_EDITORS } from './auth.tsx';
import { NEW_PROCEDURE, procedurePath } from './paths.ts';
import type { AdminProcedureRow, Paged } from '../types.ts';

const STATUSES: VersionStatus[] = ['draft', 'published', 'retired'];
const PAGE_SIZE = 20;

export default function ProcedureListPage() {
  const { t, localized } = useI18n();
  useDocumentTitle(t('bo.menu.procedures'));
  const fields = useFields();
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const list = useLoad((signal) => api.get<Paged<AdminProcedureRow>>('/api/v1/admin/procedures', { q, status, page, pageSize: PAGE_SIZE }, { signal }), [q, status, page]);

  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set('q', text.trim());
  };

  const columns: TableColumnsType<AdminProcedureRow> = [
    {
      title: t('procedure.code'),
      dataIndex: 'code',
      className: 'nowrap-cell',
      render: (_, r) => (
        <>
          <span className="code">{r.code}</span> <DemoCodeTag official={r.codeIsOfficial} />
        </>
      ),
    },
    { title: t('procedure.name'), dataIndex: 'name', render: (_, r) => <Link to={procedurePath(r.code)}>{r.name}</Link> },
    { title: t('procedure.field'), dataIndex: 'fieldCode', responsive: ['md'], render: (c: string) => { const f = fields.data?.find((x) => x.code === c); return f ? localized(f.name, f.nameEn) : c; } },
    { title: t('admin.latestVersion'), dataIndex: 'latestVersion', align: 'center' },
    { title: t('admin.status'), dataIndex: 'latestStatus', render: (s: VersionStatus) => <VersionStatusTag status={s} /> },
    { title: t('admin.inForce'), dataIndex: 'inForceVersion', align: 'center', render: (v: number | null) => v ?? '—', responsive: ['sm'] },
  ];

  return (
    <div className="bo-page">
      <div className="page-head">
        <h1>{t('admin.proceduresTitle')}</h1>
        {hasRole(...CATALOGUE_EDITORS) ? (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate(NEW_PROCEDURE)}>
            {t('admin.addProcedure')}
          </Button>
        ) : null}
      </div>
      <form className="toolbar" role="search" onSubmit={submit} aria-label={t('common.search')}>
        <div className="toolbar-item grow">
          <label htmlFor="ap-q">{t('catalogue.keyword')}</label>
          <div className="search-row">
            <Input id="ap-q" value={text} onChange={(e) => setText(e.target.value)} allowClear autoComplete="off" />
            <Button htmlType="submit" icon={<SearchOutlined aria-hidden />}>
              {t('common.search')}
            </Button>
          </div>
        </div>
        <div className="toolbar-item">
          <label htmlFor="ap-status">{t('admin.status')}</label>
          <Select id="ap-status" value={status || undefined} allowClear placeholder={t('admin.allStatuses')} onChange={(v?: string) => set('status', v ?? '')} options={STATUSES.map((s) => ({ value: s, label: t(`version.status.${s}`) }))} style={{ minWidth: 180 }} />
        </div>
      </form>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      <Table<AdminProcedureRow>
        rowKey="code"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 860 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => set('page', p > 1 ? String(p) : '') }}
      />
    </div>
  );
}
