import { Badge, Button, Dropdown } from 'antd';
import { UserOutlined, LoginOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../i18n.ts';
import { useCitizen } from './auth.tsx';

/** Header: sign-in and register links, or the account menu with the unread-notification badge. */
export function AccountMenu() {
  const { t } = useI18n();
  const { me, unread, signOut } = useCitizen();
  const navigate = useNavigate();
  if (!me || me.kind !== 'citizen')
    return (
      <>
        <Link to="/dang-nhap" className="header-link" data-testid="citizen-signin">
          <LoginOutlined aria-hidden /> {t('acct.signIn')}
        </Link>
        <Link to="/dang-ky" className="header-link">
          {t('acct.register')}
        </Link>
      </>
    );
  const items = [
    { key: '/ca-nhan', label: <Link to="/ca-nhan">{t('acct.profile')}</Link> },
    { key: '/ca-nhan/ho-so', label: <Link to="/ca-nhan/ho-so">{t('acct.myDossiers')}</Link> },
    { key: '/ca-nhan/thong-bao', label: <Link to="/ca-nhan/thong-bao">{unread ? t('acct.inboxUnread', { n: unread }) : t('acct.inbox')}</Link> },
    { key: '/ca-nhan/kho-du-lieu', label: <Link to="/ca-nhan/kho-du-lieu">{t('acct.store')}</Link> },
    { type: 'divider' as const },
    {
      key: 'sign-out',
      label: t('acct.signOut'),
      onClick: () => {
        void signOut().then(() => navigate('/'));
      },
    },
  ];
  return (
    <Dropdown menu={{ items }} trigger={['click']}>
      {/* Named by its content, not aria-label: the visible name and unread count would otherwise not be part of the
          accessible name (WCAG 2.5.3); the name shows on wide screens only, the full phrase is for screen readers. */}
      <Button ghost className="header-button account-button" data-testid="account-menu">
        <span className="visually-hidden">{t('acct.menuFor', { name: me.fullName })}</span>
        <span aria-hidden>
          <Badge count={unread} size="small" offset={[6, -2]}>
            <UserOutlined className="account-icon" />
          </Badge>
        </span>
        <span className="account-name" aria-hidden>
          {me.fullName}
        </span>
        {unread ? <span className="visually-hidden">, {t('acct.inboxUnread', { n: unread })}</span> : null}
      </Button>
    </Dropdown>
  );
}
