import { Result } from 'antd';
import { Link } from 'react-router';
import { useDocumentTitle, useI18n } from '../i18n.ts';

export default function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="container page">
      <Result
        status="404"
        title={<h1 className="result-title">{t('notFound.title')}</h1>}
        subTitle={t('notFound.text')}
        extra={
          <ul className="inline-links">
            <li>
              <Link to="/">{t('nav.home')}</Link>
            </li>
            <li>
              <Link to="/thu-tuc">{t('nav.catalogue')}</Link>
            </li>
            <li>
              <Link to="/so-do-trang">{t('nav.sitemap')}</Link>
            </li>
          </ul>
        }
      />
    </div>
  );
}
