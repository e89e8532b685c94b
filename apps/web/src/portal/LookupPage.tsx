import { Alert } from 'antd';
import { Link } from 'react-router';
import { useDocumentTitle, useI18n } from '../i18n.ts';

/** Dossier lookup (tra cứu hồ sơ) arrives with reception; the page exists so that links work. */
export default function LookupPage() {
  const { t } = useI18n();
  useDocumentTitle(t('lookup.title'));
  return (
    <div className="container page">
      <h1>{t('lookup.title')}</h1>
      <Alert type="info" showIcon message={t('lookup.later')} description={<Link to="/thu-tuc">{t('lookup.browseInstead')}</Link>} />
    </div>
  );
}
