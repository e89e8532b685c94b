import { Link, NavLink, Outlet } from 'react-router';
import { LoginOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n.ts';
import { Emblem } from '../components/Emblem.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { SkipLink } from '../components/SkipLink.tsx';
import { useFocusOnNavigate } from '../components/useFocusOnNavigate.ts';
import { CitizenProvider } from './auth.tsx';
import { AccountMenu } from './AccountMenu.tsx';
import './account.css';

export function DemoBadge() {
  const { t } = useI18n();
  return (
    <span className="demo-badge" title={t('site.demoHint')}>
      {t('site.demo')}
    </span>
  );
}

export function PortalLayout() {
  const { t } = useI18n();
  useFocusOnNavigate();
  const nav: { to: string; label: string; end?: boolean }[] = [
    { to: '/', label: t('nav.home'), end: true },
    { to: '/thu-tuc', label: t('nav.catalogue') },
    { to: '/tra-cuu', label: t('nav.lookup') },
    { to: '/thong-ke', label: t('nav.statistics') },
    { to: '/ca-nhan/ho-so', label: t('nav.myDossiers') },
    { to: '/phan-anh', label: t('nav.feedback') },
    { to: '/hoi-dap', label: t('nav.faq') },
    { to: '/huong-dan', label: t('nav.guides') },
    { to: '/so-do-trang', label: t('nav.sitemap') },
  ];
  return (
    <CitizenProvider>
    <div className="portal">
      <SkipLink />
      <header className="portal-header">
        <div className="container portal-header-inner">
          <Link to="/" className="brand">
            <Emblem />
            <span className="brand-text">
              <span className="brand-name">{t('site.name')}</span>
              <span className="brand-sub">{t('site.tagline')}</span>
            </span>
          </Link>
          <DemoBadge />
          <div className="header-actions">
            <LanguageSwitch className="header-button" />
            <AccountMenu />
            <Link to="/mot-cua" className="header-link officer-link">
              <LoginOutlined aria-hidden /> {t('nav.officerLogin')}
            </Link>
          </div>
        </div>
      </header>
      <nav className="portal-nav" aria-label={t('nav.main')}>
        <ul className="container">
          {nav.map((n) => (
            <li key={n.to}>
              <NavLink to={n.to} end={n.end ?? false}>
                {n.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1} className="portal-main">
        <Outlet />
      </main>
      <footer className="portal-footer">
        <div className="container footer-grid">
          <div>
            <p className="footer-title">{t('site.name')}</p>
            <p>{t('footer.owner')}</p>
            <p>{t('footer.address')}</p>
            <p>{t('footer.hotline')}</p>
          </div>
          <div>
            <p className="footer-title">{t('footer.links')}</p>
            <ul className="footer-links">
              <li>
                <Link to="/thu-tuc">{t('nav.catalogue')}</Link>
              </li>
              <li>
                <Link to="/so-do-trang">{t('nav.sitemap')}</Link>
              </li>
              <li>
                <a href="/sitemap.xml">{t('sitemap.xml')}</a>
              </li>
              <li>
                <Link to="/mot-cua">{t('nav.officerLogin')}</Link>
              </li>
            </ul>
          </div>
          <div>
            <p className="footer-title">{t('site.demo')}</p>
            <p>{t('footer.demoNote')}</p>
          </div>
        </div>
      </footer>
    </div>
    </CitizenProvider>
  );
}
