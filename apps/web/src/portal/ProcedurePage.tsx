import { Alert, Button, Result } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { LoadError, Loading } from '../components/status.tsx';
import { ProcedureView } from '../components/ProcedureView.tsx';
import { OnlineLevelTag } from '../components/tags.tsx';
import { ExpectedAppointment } from '../components/ExpectedAppointment.tsx';
import { formatTimeLimit, summariseNames } from '../format.ts';
import type { ProcedureDetail } from '../types.ts';

export default function ProcedurePage() {
  const { code = '' } = useParams();
  const { t, lang, localized } = useI18n();
  const proc = useLoad((signal) => api.get<ProcedureDetail>(`/api/v1/procedures/${encodeURIComponent(code)}`, undefined, { signal }), [code]);
  const p = proc.data;
  const name = p ? localized(p.content.name, p.content.nameEn) : null;
  useDocumentTitle(name ?? t('procedure.title'));

  const breadcrumb = (
    <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
      <ol>
        <li>
          <Link to="/">{t('nav.home')}</Link>
        </li>
        <li>
          <Link to="/thu-tuc">{t('catalogue.title')}</Link>
        </li>
        <li aria-current="page">{name ?? code}</li>
      </ol>
    </nav>
  );

  if (proc.error instanceof ApiError && proc.error.status === 404) {
    return (
      <div className="container page">
        {breadcrumb}
        <Result status="404" title={<h1 className="result-title">{t('procedure.notFound')}</h1>} subTitle={t('procedure.notFoundHint', { code })} extra={<Link to="/thu-tuc">{t('catalogue.backToList')}</Link>} />
      </div>
    );
  }

  return (
    <div className="container page procedure-page">
      {breadcrumb}
      {proc.loading ? <Loading /> : null}
      {proc.error ? (
        <>
          <h1>{t('procedure.title')}</h1>
          <LoadError error={proc.error} onRetry={proc.reload} />
        </>
      ) : null}
      {p ? (
        <article aria-labelledby="procedure-title">
          <header className="procedure-header">
            <p className="procedure-code">
              <span className="code">{p.code}</span> <OnlineLevelTag level={p.content.onlineLevel} />
            </p>
            <h1 id="procedure-title">{name}</h1>
            {lang === 'en' && !p.content.nameEn ? null : lang === 'en' ? <p className="procedure-name-vi" lang="vi">{p.content.name}</p> : null}
            <div className="procedure-summary">
              <span>
                <strong>{t('procedure.timeLimit')}:</strong> {formatTimeLimit(p.content.timeLimit, t, lang)}
              </span>
              <span>
                <strong>{t('procedure.agencies')}:</strong> {p.content.implementingBody ?? summariseNames(p.agencies.map((a) => a.name), t)}
              </span>
            </div>
            <ExpectedAppointment timeLimit={p.content.timeLimit} agencyCode={p.agencies[0]?.code} />
            <div className="procedure-cta">
              {p.content.channels.includes('online') ? (
                <Link to={`/nop-ho-so/${encodeURIComponent(p.code)}`} className="ant-btn ant-btn-primary ant-btn-lg link-button" data-testid="submit-online">
                  <SendOutlined aria-hidden /> {t('procedure.submitOnline')}
                </Link>
              ) : (
                <>
                  <Button type="primary" size="large" icon={<SendOutlined aria-hidden />} disabled aria-describedby="submit-later">
                    {t('procedure.submitOnline')}
                  </Button>
                  <span id="submit-later" className="cta-note">
                    {t('procedure.notOnline')}
                  </span>
                </>
              )}
            </div>
          </header>
          {!p.codeIsOfficial ? <Alert className="demo-alert" type="warning" showIcon message={t('procedure.demoWarning')} /> : null}
          <ProcedureView code={p.code} codeIsOfficial={p.codeIsOfficial} content={p.content} field={p.field} agencies={p.agencies} version={p.version} effectiveFrom={p.effectiveFrom} />
          <p>
            <Link to={`/hoi-dap?thu-tuc=${encodeURIComponent(p.code)}`}>{t('faq.forProcedure')}</Link> · <Link to="/phan-anh">{t('fb.aboutProcedure')}</Link>
          </p>
        </article>
      ) : null}
    </div>
  );
}
