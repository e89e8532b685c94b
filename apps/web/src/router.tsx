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
const NotFoundPage = lazy(() => import('./portal/NotFoundPage.tsx'));
const FeedbackPage = lazy(() => import('./portal/FeedbackPage.tsx'));
const FaqPage = lazy(() => import('./portal/FaqPage.tsx'));
const GuidesPage = lazy(() => import('./portal/GuidesPage.tsx'));
const BackOfficeApp = lazy(() => import('./backoffice/BackOfficeApp.tsx'));

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
      { path: 'phan-anh', element: page(FeedbackPage) },
      { path: 'hoi-dap', element: page(FaqPage) },
      { path: 'huong-dan', element: page(GuidesPage) },
      { path: '*', element: page(NotFoundPage) },
    ],
  },
  { path: '/mot-cua/*', element: page(BackOfficeApp), errorElement: <RouteError /> },
]);
