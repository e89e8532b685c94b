import './kiosk.css';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Emblem } from '../components/Emblem.tsx';
import { useI18n } from '../i18n.ts';

/** Desk devices (kiosk, queue display): large type, no site navigation, one main region. */
export function KioskShell({ children, wide }: { children: ReactNode; wide?: boolean }) {
  const { t } = useI18n();
  return (
    <div className={`kiosk ${wide ? 'kiosk-wide' : ''}`}>
      <header className="kiosk-header">
        <Emblem size={40} />
        <span className="kiosk-brand">{t('site.name')}</span>
        <LanguageSwitch className="kiosk-lang" />
      </header>
      <main id="main" className="kiosk-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
