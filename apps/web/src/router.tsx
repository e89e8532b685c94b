import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter } from 'react-router';
import { PortalLayout } from './portal/PortalLayout.tsx';
import { Loading, RouteError } from './components/status.tsx';

// Every page is its own chunk: the portal home loads neither the back office nor the e-form renderer.
const HomePage = lazy(() => import('./portal/HomePage.tsx'));
const CataloguePage = lazy(() => import('./portal/CataloguePage.tsx'));
const ProcedurePage = lazy(() => import('./portal/ProcedurePage.tsx'));
const SiteMapPage = lazy(() => import('./portal/SiteMapPage.tsx'));
const LookupPage = lazy(() => import('./portal/LookupPage.tsx'));
const StatisticsPage = lazy(() => import('./portal/StatisticsPage.tsx'));
const SubmitWizard = lazy(() => import('./portal/wizard/SubmitWizard.tsx'));
const MyDossiersPage = lazy(() => import('./portal/me/MyDossiersPage.tsx'));
const DossierDetailPage = lazy(() => import('./portal/me/DossierDetailPage.tsx'));
const NotFoundPage = lazy(() => import('./portal/NotFoundPage.tsx'));
const CitizenLoginPage = lazy(() => import('./portal/CitizenLoginPage.tsx'));
const RegisterPage = lazy(() => import('./portal/RegisterPage.tsx'));
const VerifyPage = lazy(() => import('./portal/VerifyPage.tsx'));
const ResetPasswordPage = lazy(() => import('./portal/ResetPasswordPage.tsx'));
const ProfilePage = lazy(() => import('./portal/ProfilePage.tsx'));
const InboxPage = lazy(() => import('./portal/InboxPage.tsx'));
const DocumentStorePage = lazy(() => import('./portal/DocumentStorePage.tsx'));
const RatingPage = lazy(() => import('./portal/RatingPage.tsx'));
const FeedbackPage = lazy(() => import('./portal/FeedbackPage.tsx'));
const FaqPage = lazy(() => import('./portal/FaqPage.tsx'));
const GuidesPage = lazy(() => import('./portal/GuidesPage.tsx'));
const BackOfficeApp = lazy(() => import('./backoffice/BackOfficeApp.tsx'));
// Desk devices: full-screen pages without the portal's navigation.
const QueueKioskPage = lazy(() => import('./kiosk/QueueKioskPage.tsx'));
const QueueDisplayPage = lazy(() => import('./kiosk/QueueDisplayPage.tsx'));
const KioskLookupPage = lazy(() => import('./kiosk/KioskLookupPage.tsx'));

function page(C: LazyExoticComponent<ComponentType>) {
  return (
    <Suspense fallback={<Loading />}>
      <C />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  {
    path: '/',
    element: <PortalLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: page(HomePage) },
      { path: 'thu-tuc', element: page(CataloguePage) },
      { path: 'thu-tuc/:code', element: page(ProcedurePage) },
      { path: 'so-do-trang', element: page(SiteMapPage) },
      { path: 'tra-cuu', element: page(LookupPage) },
      { path: 'tra-cuu/:code', element: page(LookupPage) },
      { path: 'thong-ke', element: page(StatisticsPage) },
      { path: 'dang-nhap', element: page(CitizenLoginPage) },
      { path: 'dang-ky', element: page(RegisterPage) },
      { path: 'xac-minh', element: page(VerifyPage) },
      { path: 'quen-mat-khau', element: page(ResetPasswordPage) },
      { path: 'ca-nhan', element: page(ProfilePage) },
      { path: 'ca-nhan/thong-bao', element: page(InboxPage) },
      { path: 'ca-nhan/kho-du-lieu', element: page(DocumentStorePage) },
      { path: 'ca-nhan/ho-so/:id/danh-gia', element: page(RatingPage) },
      { path: 'nop-ho-so/:procedureCode', element: page(SubmitWizard) },
      { path: 'ca-nhan/ho-so', element: page(MyDossiersPage) },
      { path: 'ca-nhan/ho-so/:id', element: page(DossierDetailPage) },
      { path: 'phan-anh', element: page(FeedbackPage) },
      { path: 'hoi-dap', element: page(FaqPage) },
      { path: 'huong-dan', element: page(GuidesPage) },
      { path: '*', element: page(NotFoundPage) },
    ],
  },
  { path: '/mot-cua/*', element: page(BackOfficeApp), errorElement: <RouteError /> },
  { path: '/xep-hang/:agency', element: page(QueueKioskPage), errorElement: <RouteError /> },
  { path: '/xep-hang/:agency/man-hinh', element: page(QueueDisplayPage), errorElement: <RouteError /> },
  { path: '/kiosk/tra-cuu', element: page(KioskLookupPage), errorElement: <RouteError /> },
  { path: '/kiosk/tra-cuu/:code', element: page(KioskLookupPage), errorElement: <RouteError /> },
]);
