import { Alert, Card, Col, Row } from 'antd';
import { ApartmentOutlined, CalendarOutlined, FileTextOutlined, KeyOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ROLE_LABELS } from '@motcua/domain';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { useAuth, CATALOGUE_EDITORS, CATALOGUE_READERS, ORG_ADMINS } from './auth.tsx';
import { AGENCIES, CALENDAR, CHANGE_PASSWORD, PROCEDURES, USERS } from './paths.ts';

export default function DashboardPage() {
  const { t, pick } = useI18n();
  useDocumentTitle(t('bo.menu.dashboard'));
  const { me, hasRole } = useAuth();
  const tiles: { to: string; icon: ReactNode; title: string; text: string }[] = [];
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
      <Alert type="info" showIcon className="page-alert" message={t('dash.later')} />
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
