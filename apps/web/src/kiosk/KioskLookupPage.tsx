import { lazy, Suspense } from 'react';
import { Loading } from '../components/status.tsx';
import { KioskShell } from './KioskShell.tsx';

const LookupPage = lazy(() => import('../portal/LookupPage.tsx'));

/**
 * The touch-screen lookup kiosk at the desk (SPEC §5 "Desk devices"): the portal's lookup page in
 * large type, without the site's navigation. It reuses LookupPage whole; only the shell differs.
 */
export default function KioskLookupPage() {
  return (
    <KioskShell>
      <div className="kiosk-lookup">
        <Suspense fallback={<Loading />}>
          <LookupPage />
        </Suspense>
      </div>
    </KioskShell>
  );
}
