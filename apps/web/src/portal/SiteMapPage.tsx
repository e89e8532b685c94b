import { Link } from 'react-router';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { LoadError, Loading } from '../components/status.tsx';
import type { Paged, ProcedureSummary } from '../types.ts';

async function allProcedures(signal: AbortSignal): Promise<ProcedureSummary[]> {
  const out: ProcedureSummary[] = [];
  for (let page = 1; page <= 200; page++) {
    const r = await api.get<Paged<ProcedureSummary>>('/api/v1/procedures', { page, pageSize: 100 }, { signal });
    out.push(...r.items);
    if (out.length >= r.total || r.items.length === 0) break;
  }
  return out;
}

export default function SiteMapPage() {
  const { t } = useI18n();
  useDocumentTitle(t('sitemap.title'));
  const procs = useLoad(allProcedures, []);
  const bySector = new Map<string, ProcedureSummary[]>();
  for (const p of procs.data ?? []) {
    const k = p.field.sector || p.field.name;
    bySector.set(k, [...(bySector.get(k) ?? []), p]);
  }
  return (
    <div className="container page sitemap">
      <h1>{t('sitemap.title')}</h1>
      <section aria-labelledby="sm-pages">
        <h2 id="sm-pages">{t('sitemap.pages')}</h2>
        <ul>
          <li>
            <Link to="/">{t('nav.home')}</Link>
          </li>
          <li>
            <Link to="/thu-tuc">{t('nav.catalogue')}</Link>
          </li>
          <li>
            <Link to="/tra-cuu">{t('nav.lookup')}</Link>
          </li>
          <li>
            <Link to="/so-do-trang">{t('nav.sitemap')}</Link>
          </li>
          <li>
            <Link to="/mot-cua">{t('nav.officerLogin')}</Link>
          </li>
          <li>
            <a href="/sitemap.xml">{t('sitemap.xml')}</a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="sm-procedures">
        <h2 id="sm-procedures">{t('sitemap.procedures')}</h2>
        {procs.loading ? <Loading /> : null}
        {procs.error ? <LoadError error={procs.error} onRetry={procs.reload} /> : null}
        {[...bySector.entries()].map(([sector, list]) => (
          <section key={sector} aria-label={sector}>
            <h3>{sector}</h3>
            <ul>
              {list.map((p) => (
                <li key={p.id}>
                  <Link to={`/thu-tuc/${encodeURIComponent(p.code)}`}>{p.name}</Link> <span className="code">({p.code})</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>
    </div>
  );
}
