import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Result } from 'antd';
import type { Role } from '@motcua/domain';
import { AuthProvider, useAuth, CATALOGUE_READERS, ORG_ADMINS, STATISTICS_READERS, FEEDBACK_READERS, EVALUATION_VIEWERS } from './auth.tsx';
import { BackOfficeLayout } from './BackOfficeLayout.tsx';
import { Loading } from '../components/status.tsx';
import { useI18n } from '../i18n.ts';
import { CHANGE_PASSWORD, LOGIN } from './paths.ts';

const LoginPage = lazy(() => import('./LoginPage.tsx'));
const ChangePasswordPage = lazy(() => import('./ChangePasswordPage.tsx'));
const DashboardPage = lazy(() => import('./DashboardPage.tsx'));
const ProcedureListPage = lazy(() => import('./ProcedureListPage.tsx'));
const ProcedureAdminPage = lazy(() => import('./ProcedureAdminPage.tsx'));
const ProcedureCreatePage = lazy(() => import('./ProcedureCreatePage.tsx'));
const AgenciesPage = lazy(() => import('./AgenciesPage.tsx'));
const UsersPage = lazy(() => import('./UsersPage.tsx'));
const CalendarPage = lazy(() => import('./CalendarPage.tsx'));
const StatisticsPage = lazy(() => import('./StatisticsPage.tsx'));
const WorklistPage = lazy(() => import('./WorklistPage.tsx'));
const DossierPage = lazy(() => import('./DossierPage.tsx'));
const ReceptionPage = lazy(() => import('./ReceptionPage.tsx'));
const ProcessDesignerPage = lazy(() => import('./ProcessDesignerPage.tsx'));
const QueueDeskPage = lazy(() => import('./QueueDeskPage.tsx'));
const OFFICERS: Role[] = ['reception', 'specialist', 'head', 'leader', 'controller', 'agency_admin', 'system_admin'];
const FeedbackAdminPage = lazy(() => import('./FeedbackAdminPage.tsx'));
const FaqAdminPage = lazy(() => import('./FaqAdminPage.tsx'));
const EvaluationPage = lazy(() => import('./EvaluationPage.tsx'));
const SlipTemplatesPage = lazy(() => import('./SlipTemplatesPage.tsx'));
const SigningCertificatePage = lazy(() => import('./SigningCertificatePage.tsx'));
const MessageTemplatesPage = lazy(() => import('./MessageTemplatesPage.tsx'));


function page(C: LazyExoticComponent<ComponentType>) {
  return (
    <Suspense fallback={<Loading />}>
      <C />
    </Suspense>
  );
}

/** Signed out → sign-in (coming back here afterwards); must change password → nowhere else. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { me, checking } = useAuth();
  const loc = useLocation();
  if (checking) return <Loading />;
  if (!me) return <Navigate to={`${LOGIN}?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  if (me.mustChangePassword && loc.pathname !== CHANGE_PASSWORD) return <Navigate to={CHANGE_PASSWORD} replace />;
  return <>{children}</>;
}

function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { hasRole } = useAuth();
  const { t } = useI18n();
  if (!hasRole(...roles)) return <Result status="403" title={<h1 className="result-title">{t('bo.forbidden')}</h1>} subTitle={t('bo.forbiddenText')} />;
  return <>{children}</>;
}

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title={<h1 className="result-title">{t('notFound.title')}</h1>} subTitle={t('notFound.text')} />;
}

export default function BackOfficeApp() {
  return (
    <AuthProvider>
      <Routes>
        <Route path="dang-nhap" element={page(LoginPage)} />
        <Route
          element={
            <RequireAuth>
              <BackOfficeLayout />
            </RequireAuth>
          }
        >
          <Route index element={page(DashboardPage)} />
          <Route path="doi-mat-khau" element={page(ChangePasswordPage)} />
          <Route path="thu-tuc" element={<RequireRole roles={CATALOGUE_READERS}>{page(ProcedureListPage)}</RequireRole>} />
          <Route path="them-thu-tuc" element={<RequireRole roles={['system_admin', 'agency_admin']}>{page(ProcedureCreatePage)}</RequireRole>} />
          <Route path="thu-tuc/:code" element={<RequireRole roles={CATALOGUE_READERS}>{page(ProcedureAdminPage)}</RequireRole>} />
          <Route path="co-quan" element={<RequireRole roles={ORG_ADMINS}>{page(AgenciesPage)}</RequireRole>} />
          <Route path="nguoi-dung" element={<RequireRole roles={ORG_ADMINS}>{page(UsersPage)}</RequireRole>} />
          <Route path="lich-lam-viec" element={page(CalendarPage)} />
          <Route path="thong-ke" element={<RequireRole roles={STATISTICS_READERS}>{page(StatisticsPage)}</RequireRole>} />
          <Route path="ho-so" element={<RequireRole roles={OFFICERS}>{page(WorklistPage)}</RequireRole>} />
          <Route path="ho-so/:id" element={<RequireRole roles={OFFICERS}>{page(DossierPage)}</RequireRole>} />
          {/* Postal staff enter dossiers on a citizen's behalf here too [000 Art. 26]. */}
          <Route path="tiep-nhan" element={<RequireRole roles={['reception', 'postal']}>{page(ReceptionPage)}</RequireRole>} />
          <Route path="quy-trinh" element={<RequireRole roles={['agency_admin', 'system_admin', 'controller']}>{page(ProcessDesignerPage)}</RequireRole>} />
          <Route path="xep-hang" element={<RequireRole roles={['reception', 'agency_admin', 'system_admin']}>{page(QueueDeskPage)}</RequireRole>} />
          <Route path="phan-anh" element={<RequireRole roles={FEEDBACK_READERS}>{page(FeedbackAdminPage)}</RequireRole>} />
          <Route path="hoi-dap" element={<RequireRole roles={ORG_ADMINS}>{page(FaqAdminPage)}</RequireRole>} />
          <Route path="danh-gia" element={<RequireRole roles={EVALUATION_VIEWERS}>{page(EvaluationPage)}</RequireRole>} />
          <Route path="mau-phieu" element={<RequireRole roles={ORG_ADMINS}>{page(SlipTemplatesPage)}</RequireRole>} />
          <Route path="chung-thu-so" element={<RequireRole roles={ORG_ADMINS}>{page(SigningCertificatePage)}</RequireRole>} />
          {/* The notification texts are province-wide: the API allows the system administrator only. */}
          <Route path="mau-thong-bao" element={<RequireRole roles={['system_admin']}>{page(MessageTemplatesPage)}</RequireRole>} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </AuthProvider>
  );
}
