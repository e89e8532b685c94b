import { Alert, Button, Result, Spin } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { problemText } from '../forms.ts';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="loading" role="status" aria-live="polite">
      <Spin />
      <span className="loading-label">{label ?? t('common.loading')}</span>
    </div>
  );
}

/** A failed load: the problem's title (and detail), with a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={t('error.loadFailed')}
      description={problemText(error, t)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

/** Shown when a chunk fails to load or a route throws. */
export function RouteError() {
  const err = useRouteError();
  const { t } = useI18n();
  const detail = isRouteErrorResponse(err) ? `${err.status} ${err.statusText}` : err instanceof ApiError ? problemText(err, t) : (err as Error)?.message;
  return (
    <main id="main" className="container route-error">
      <Result
        status="error"
        title={<h1 className="result-title">{t('error.unexpected')}</h1>}
        subTitle={detail}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('common.reload')}
          </Button>
        }
      />
    </main>
  );
}
