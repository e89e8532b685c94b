import { Button, Layout, Menu, type MenuProps } from 'antd';
import { ApartmentOutlined, BarChartOutlined, CalendarOutlined, DashboardOutlined, FileTextOutlined, InboxOutlined, KeyOutlined, LogoutOutlined, MailOutlined, MenuOutlined, MessageOutlined, NodeIndexOutlined, OrderedListOutlined, ProfileOutlined, QuestionCircleOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { ROLE_LABELS, type Role } from '@motcua/domain';
import { api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { useLoad, useNarrow } from '../hooks.ts';
import { Emblem } from '../components/Emblem.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { SkipLink } from '../components/SkipLink.tsx';
import { useFocusOnNavigate } from '../components/useFocusOnNavigate.ts';
import { DemoBadge } from '../portal/PortalLayout.tsx';
import { useAuth, CATALOGUE_READERS, ORG_ADMINS, STATISTICS_READERS, FEEDBACK_READERS, EVALUATION_VIEWERS } from './auth.tsx';
import { AGENCIES, BO, CALENDAR, CHANGE_PASSWORD, EVALUATION, FAQ_ADMIN, FEEDBACK, LOGIN, MESSAGE_TEMPLATES, PROCEDURES, PROCESSES, QUEUE_DESK, RECEPTION, SIGNING_CERTIFICATE, SLIP_TEMPLATES, STATISTICS, USERS, WORKLIST } from './paths.ts';
import type { Agency } from '../types.ts';

const DESK_OFFICERS: Role[] = ['reception', 'specialist', 'head', 'leader', 'controller', 'agency_admin', 'system_admin'];

interface Item {
  key: string;
  label: string;
  icon: ReactNode;
  roles?: Role[];
}

export function BackOfficeLayout() {
  const { me, signOut, hasRole } = useAuth();
  const { t, pick, localized } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const narrow = useNarrow(992);
  const [menuOpen, setMenuOpen] = useState(false);
  useFocusOnNavigate('bo-main');
  const forced = !!me?.mustChangePassword;
  const firstRole = me?.roles[0];
  const agency = useLoad((signal) => (firstRole ? api.get<Agency>(`/api/v1/agencies/${encodeURIComponent(firstRole.agencyCode)}`, undefined, { signal, quiet: true }) : Promise.resolve(null)), [firstRole?.agencyCode]);

  const items = useMemo<Item[]>(
    () =>
      [
        { key: BO, label: t('bo.menu.dashboard'), icon: <DashboardOutlined aria-hidden /> },
        { key: WORKLIST, label: t('desk.worklists'), icon: <ProfileOutlined aria-hidden />, roles: DESK_OFFICERS },
        { key: RECEPTION, label: t('desk.rc.title'), icon: <InboxOutlined aria-hidden />, roles: ['reception', 'postal'] as Role[] },
        { key: QUEUE_DESK, label: t('desk.q.deskTitle'), icon: <OrderedListOutlined aria-hidden />, roles: ['reception', 'agency_admin', 'system_admin'] as Role[] },
        { key: PROCESSES, label: t('desk.pd.title'), icon: <NodeIndexOutlined aria-hidden />, roles: ['agency_admin', 'system_admin', 'controller'] as Role[] },
        { key: PROCEDURES, label: t('bo.menu.procedures'), icon: <FileTextOutlined aria-hidden />, roles: CATALOGUE_READERS },
        { key: AGENCIES, label: t('bo.menu.agencies'), icon: <ApartmentOutlined aria-hidden />, roles: ORG_ADMINS },
        { key: USERS, label: t('bo.menu.users'), icon: <TeamOutlined aria-hidden />, roles: ORG_ADMINS },
        { key: CALENDAR, label: t('bo.menu.calendar'), icon: <CalendarOutlined aria-hidden /> },
        { key: STATISTICS, label: t('bo.menu.statistics'), icon: <BarChartOutlined aria-hidden />, roles: STATISTICS_READERS },
        { key: FEEDBACK, label: t('bo.menu.feedback'), icon: <MessageOutlined aria-hidden />, roles: FEEDBACK_READERS },
        { key: FAQ_ADMIN, label: t('bo.menu.faq'), icon: <QuestionCircleOutlined aria-hidden />, roles: ORG_ADMINS },
        { key: EVALUATION, label: t('bo.menu.evaluation'), icon: <BarChartOutlined aria-hidden />, roles: EVALUATION_VIEWERS },
        { key: SLIP_TEMPLATES, label: t('bo.menu.slipTemplates'), icon: <FileTextOutlined aria-hidden />, roles: ORG_ADMINS },
        { key: SIGNING_CERTIFICATE, label: t('bo.menu.signingCertificate'), icon: <SafetyCertificateOutlined aria-hidden />, roles: ORG_ADMINS },
        { key: MESSAGE_TEMPLATES, label: t('bo.menu.messageTemplates'), icon: <MailOutlined aria-hidden />, roles: ['system_admin'] as Role[] },
        { key: CHANGE_PASSWORD, label: t('bo.menu.password'), icon: <KeyOutlined aria-hidden /> },
      ].filter((i: Item) => !i.roles || hasRole(...i.roles)),
    [t, hasRole],
  );
  const selected = [...items].sort((a, b) => b.key.length - a.key.length).find((i) => pathname === i.key || pathname.startsWith(`${i.key}/`) || (i.key === PROCEDURES && pathname.startsWith(`${BO}/them-thu-tuc`)));
  const menuItems: MenuProps['items'] = items.map((i) => ({ key: i.key, icon: i.icon, label: i.label }));

  const doSignOut = async () => {
    await signOut();
    void navigate(LOGIN, { replace: true });
  };

  const roleText = me?.roles.map((r) => pick(ROLE_LABELS[r.role])).join(', ');
  const showMenu = !forced && (!narrow || menuOpen);

  return (
    <Layout className="bo" style={{ minHeight: '100vh' }}>
      <SkipLink target="bo-main" />
      <header className="bo-header">
        {!forced && narrow ? (
          <Button type="text" className="header-button" icon={<MenuOutlined aria-hidden />} aria-expanded={menuOpen} aria-controls="bo-menu" onClick={() => setMenuOpen((o) => !o)}>
            {t('bo.menu.toggle')}
          </Button>
        ) : null}
        <Link to={BO} className="brand bo-brand">
          <Emblem size={32} />
          <span className="brand-text">
            <span className="brand-name">{t('bo.title')}</span>
            <span className="brand-sub">{t('site.provinceShort')}</span>
          </span>
        </Link>
        <DemoBadge />
        <div className="header-actions">
          <div className="bo-user" data-testid="bo-user">
            <span className="bo-user-name">{me?.fullName}</span>
            <span className="bo-user-meta">
              {roleText}
              {agency.data ? ` · ${localized(agency.data.name, agency.data.nameEn)}` : ''}
            </span>
          </div>
          <LanguageSwitch className="header-button" />
          <Button type="text" className="header-button" icon={<LogoutOutlined aria-hidden />} onClick={() => void doSignOut()}>
            {t('bo.signOut')}
          </Button>
        </div>
      </header>
      <Layout>
        {showMenu ? (
          <Layout.Sider width={narrow ? '100%' : 240} theme="light" className="bo-sider" style={narrow ? { flex: 'none', maxWidth: '100%', minWidth: '100%', width: '100%' } : undefined}>
            <nav aria-label={t('bo.menu.label')} id="bo-menu">
              <Menu
                mode="inline"
                selectedKeys={selected ? [selected.key] : []}
                items={menuItems}
                onClick={({ key }) => {
                  setMenuOpen(false);
                  void navigate(key);
                }}
              />
            </nav>
          </Layout.Sider>
        ) : null}
        <div className="bo-content">
          <main id="bo-main" tabIndex={-1} className="bo-main">
            <Outlet />
          </main>
        </div>
      </Layout>
    </Layout>
  );
}
