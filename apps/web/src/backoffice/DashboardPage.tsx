import { Card, Col, Row, Table } from 'antd';
import { ApartmentOutlined, CalendarOutlined, FileTextOutlined, KeyOutlined, TeamOutlined, InboxOutlined, NodeIndexOutlined, OrderedListOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ROLE_LABELS, type Role } from '@motcua/domain';
import { api } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { formatDateTime } from '../format.ts';
import { useDocumentTitle, useI18n, type MessageKey } from '../i18n.ts';
import { LoadError } from '../components/status.tsx';
import { useAuth, CATALOGUE_EDITORS, CATALOGUE_READERS, ORG_ADMINS } from './auth.tsx';
import { WarningLabel } from './desk/common.tsx';
import type { WorklistItem, WorklistName } from './desk/types.ts';
import { AGENCIES, CALENDAR, CHANGE_PASSWORD, dossierPath, PROCEDURES, PROCESSES, QUEUE_DESK, RECEPTION, USERS, worklistPath } from './paths.ts';

export const OFFICER_ROLES: Role[] = ['reception', 'specialist', 'head', 'leader', 'controller', 'agency_admin', 'system_admin'];
/** The lists each role works from; the dashboard counts only these. */
function listsFor(has: (...r: Role[]) => boolean): WorklistName[] {
  const out: WorklistName[] = [];
  if (has('specialist', 'head', 'leader', 'reception')) out.push('mine', 'department');
  if (has('reception')) out.push('reception', 'handover', 'results');
  if (has('specialist', 'head', 'leader')) out.push('consultations', 'tasks');
  if (has(...OFFICER_ROLES)) out.push('overdue');
  return [...new Set(out)];
}

/**
 * The officer's start page: how many dossiers wait in each work list, and the overdue and
 * due-soon dossiers first [003 Art. 21] — the warnings come from the server's working-time clock.
 */
export default function DashboardPage() {
  const { t, pick, lang } = useI18n();
  useDocumentTitle(t('bo.menu.dashboard'));
  const { me, hasRole } = useAuth();
  const lists = listsFor(hasRole);
  const counts = useLoad(
    (signal) => Promise.all(lists.map((l) => api.get<{ total: number }>(`/api/v1/worklists/${l}`, { pageSize: 1 }, { signal }).then((r) => [l, r.total] as const))),
    [lists.join()],
  );
  // The most urgent of what the officer holds or their group holds, nearest deadline first.
  const urgent = useLoad(
    async (signal) => {
      if (!lists.length) return [];
      const sources = lists.filter((l) => l === 'mine' || l === 'department' || l === 'handover' || l === 'overdue');
      const all = (await Promise.all(sources.map((l) => api.get<{ items: WorklistItem[] }>(`/api/v1/worklists/${l}`, { pageSize: 20, sort: 'deadline' }, { signal })))).flatMap((r) => r.items);
      const seen = new Set<string>();
      return all.filter((i) => (i.warning?.state === 'overdue' || i.warning?.state === 'due-soon' || i.warning?.step === 'overdue') && !seen.has(i.id) && seen.add(i.id));
    },
    [lists.join()],
  );

  const tiles: { to: string; icon: ReactNode; title: string; text: string }[] = [];
  if (hasRole('reception')) tiles.push({ to: RECEPTION, icon: <InboxOutlined aria-hidden />, title: t('desk.rc.title'), text: t('desk.dash.reception') });
  else if (hasRole('postal')) tiles.push({ to: RECEPTION, icon: <InboxOutlined aria-hidden />, title: t('desk.rc.title'), text: t('desk.dash.postal') });
  if (hasRole('reception', 'agency_admin', 'system_admin')) tiles.push({ to: QUEUE_DESK, icon: <OrderedListOutlined aria-hidden />, title: t('desk.q.deskTitle'), text: t('desk.dash.queue') });
  if (hasRole(...ORG_ADMINS, 'controller')) tiles.push({ to: PROCESSES, icon: <NodeIndexOutlined aria-hidden />, title: t('desk.pd.title'), text: t('desk.dash.processes') });
  if (hasRole(...CATALOGUE_READERS))
    tiles.push({ to: PROCEDURES, icon: <FileTextOutlined aria-hidden />, title: t('bo.menu.procedures'), text: hasRole(...CATALOGUE_EDITORS) ? t('dash.proceduresEdit') : t('dash.proceduresRead') });
  if (hasRole(...ORG_ADMINS)) {
    tiles.push({ to: AGENCIES, icon: <ApartmentOutlined aria-hidden />, title: t('bo.menu.agencies'), text: t('dash.agencies') });
    tiles.push({ to: USERS, icon: <TeamOutlined aria-hidden />, title: t('bo.menu.users'), text: t('dash.users') });
  }
  tiles.push({ to: CALENDAR, icon: <CalendarOutlined aria-hidden />, title: t('bo.menu.calendar'), text: hasRole('system_admin') ? t('dash.calendarEdit') : t('dash.calendar') });
  tiles.push({ to: CHANGE_PASSWORD, icon: <KeyOutlined aria-hidden />, title: t('bo.menu.password'), text: t('dash.password') });

  return (
    <div className="bo-page">
      <h1>{t('dash.hello', { name: me?.fullName ?? '' })}</h1>
      <p>
        {t('dash.roles')}{' '}
        <strong>{me?.roles.map((r) => `${pick(ROLE_LABELS[r.role])} (${r.agencyCode}${r.departmentCode ? ` / ${r.departmentCode}` : ''})`).join('; ')}</strong>
      </p>
      {lists.length ? (
        <section aria-labelledby="dash-urgent">
          <h2 id="dash-urgent">{t('desk.dash.urgent')}</h2>
          {urgent.error ? <LoadError error={urgent.error} onRetry={urgent.reload} /> : null}
          <Table<WorklistItem>
            size="small"
            rowKey="id"
            loading={urgent.loading}
            dataSource={urgent.data ?? []}
            pagination={false}
            locale={{ emptyText: t('desk.dash.noUrgent') }}
            columns={[
              { title: t('desk.col.code'), dataIndex: 'code', render: (_: unknown, r) => <Link to={dossierPath(r.id)} className="mono">{r.code ?? t('desk.noCode')}</Link> },
              { title: t('desk.col.applicant'), dataIndex: 'applicantName' },
              { title: t('desk.col.procedure'), dataIndex: 'procedureName', responsive: ['lg'] },
              { title: t('desk.col.appointment'), dataIndex: 'appointment', responsive: ['md'], render: (v: string | null) => formatDateTime(v, lang) || '—' },
              { title: t('desk.col.warning'), dataIndex: 'warning', render: (_: unknown, r) => <WarningLabel warning={r.warning} /> },
            ]}
          />
          <h2>{t('desk.worklists')}</h2>
          {counts.error ? <LoadError error={counts.error} onRetry={counts.reload} /> : null}
          <ul className="dash-counts" data-testid="worklist-counts">
            {lists.map((l) => {
              const n = counts.data?.find(([k]) => k === l)?.[1];
              return (
                <li key={l}>
                  <Link to={worklistPath(l)}>
                    <span className="dash-count">{n ?? '…'}</span>
                    <span>{t(`desk.list.${l}` as MessageKey)}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <h2>{t('dash.canDo')}</h2>
      <Row gutter={[16, 16]}>
        {tiles.map((tile) => (
          <Col xs={24} md={12} xl={8} key={tile.to}>
            <Card className="dash-tile">
              <h3 className="dash-tile-title">
                <span className="dash-icon">{tile.icon}</span> <Link to={tile.to}>{tile.title}</Link>
              </h3>
              <p>{tile.text}</p>
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
