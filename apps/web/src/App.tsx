import { App as AntApp, ConfigProvider } from 'antd';
// Under Vite 8 only the es/ path gives a usable locale object (antd/locale/vi_VN arrives as { default }).
import viVN from 'antd/es/locale/vi_VN';
import enUS from 'antd/es/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import { RouterProvider } from 'react-router';
import { I18nProvider, useI18n } from './i18n.ts';
import { router } from './router.tsx';
import { theme } from './theme.ts';

function Shell() {
  const { lang } = useI18n();
  // Set during render so that date pickers rendered in this pass already use the new locale.
  dayjs.locale(lang === 'vi' ? 'vi' : 'en');
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={theme}>
      <AntApp component={false}>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Shell />
    </I18nProvider>
  );
}
