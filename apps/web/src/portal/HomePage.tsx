import { Button, Card, Col, Input, Row, Skeleton } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Field } from '@motcua/domain';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { lookups, useLoad } from '../hooks.ts';
import { LoadError } from '../components/status.tsx';
import { formatNumber } from '../format.ts';
import type { Paged, ProcedureSummary } from '../types.ts';

interface HomeData {
  fields: Field[];
  total: number;
  fullOnline: number;
  /** Procedures per field, when the catalogue is small enough to count from one page. */
  counts: Map<string, number> | null;
}

const COUNT_PAGE = 100;

async function loadHome(signal: AbortSignal): Promise<HomeData> {
  const [fields, all, full] = await Promise.all([
    lookups.fields(),
    api.get<Paged<ProcedureSummary>>('/api/v1/procedures', { pageSize: COUNT_PAGE }, { signal }),
    api.get<Paged<ProcedureSummary>>('/api/v1/procedures', { onlineLevel: 'full', pageSize: 1 }, { signal }),
  ]);
  let counts: Map<string, number> | null = null;
  if (all.total <= COUNT_PAGE) {
    counts = new Map();
    for (const p of all.items) counts.set(p.field.code, (counts.get(p.field.code) ?? 0) + 1);
  }
  return { fields, total: all.total, fullOnline: full.total, counts };
}

export default function HomePage() {
  const { t, lang, localized } = useI18n();
  useDocumentTitle(null);
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const home = useLoad(loadHome, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const query = q.trim();
    void navigate(query ? `/thu-tuc?q=${encodeURIComponent(query)}` : '/thu-tuc');
  };

  const sectors = useMemo(() => {
    const out = new Map<string, { sector: string; sectorEn?: string; fields: Field[] }>();
    for (const f of home.data?.fields ?? []) {
      const s = out.get(f.sector) ?? { sector: f.sector, ...(f.sectorEn ? { sectorEn: f.sectorEn } : {}), fields: [] };
      s.fields.push(f);
      out.set(f.sector, s);
    }
    return [...out.values()];
  }, [home.data]);

  const countOf = (code: string) => home.data?.counts?.get(code) ?? 0;
  const sectorCount = (fs: Field[]) => fs.reduce((n, f) => n + countOf(f.code), 0);

  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <div className="container">
          <h1 id="home-title">{t('home.title')}</h1>
          <p className="hero-lead">{t('home.lead')}</p>
          <form role="search" className="hero-search" onSubmit={submit} aria-label={t('home.searchForm')}>
            <label htmlFor="home-q" className="hero-search-label">
              {t('home.searchLabel')}
            </label>
            <div className="hero-search-row">
              <Input id="home-q" size="large" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('home.searchPlaceholder')} allowClear autoComplete="off" enterKeyHint="search" />
              <Button type="primary" size="large" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
                {t('common.search')}
              </Button>
            </div>
            <p className="hero-hint">{t('home.searchHint')}</p>
          </form>
        </div>
      </section>

      <div className="container page">
        {home.error ? <LoadError error={home.error} onRetry={home.reload} /> : null}
        <section aria-labelledby="home-stats" className="home-stats">
          <h2 id="home-stats" className="visually-hidden">
            {t('home.statsTitle')}
          </h2>
          <Row gutter={[16, 16]}>
            <Col xs={24} sm={8}>
              <Link to="/thu-tuc" className="stat-card">
                <span className="stat-number">{home.data ? formatNumber(home.data.total, lang) : '…'}</span>
                <span className="stat-label">{t('home.statProcedures')}</span>
              </Link>
            </Col>
            <Col xs={24} sm={8}>
              <Link to="/thu-tuc?onlineLevel=full" className="stat-card">
                <span className="stat-number">{home.data ? formatNumber(home.data.fullOnline, lang) : '…'}</span>
                <span className="stat-label">{t('home.statFullOnline')}</span>
              </Link>
            </Col>
            <Col xs={24} sm={8}>
              <a href="#home-fields" className="stat-card">
                <span className="stat-number">{home.data ? formatNumber(home.data.fields.length, lang) : '…'}</span>
                <span className="stat-label">{t('home.statFields')}</span>
              </a>
            </Col>
          </Row>
        </section>

        <section aria-labelledby="home-fields" className="home-fields">
          <h2 id="home-fields">{t('home.browseTitle')}</h2>
          {home.loading ? <Skeleton active /> : null}
          <Row gutter={[16, 16]}>
            {sectors.map((s) => (
              <Col xs={24} md={12} xl={8} key={s.sector}>
                <Card className="sector-card" title={<h3 className="sector-title">{localized(s.sector, s.sectorEn)}</h3>} extra={home.data?.counts ? <span className="count-pill">{t('home.procedureCount', { n: sectorCount(s.fields) })}</span> : null}>
                  <ul className="field-list">
                    {s.fields.map((f) => (
                      <li key={f.code}>
                        <Link to={`/thu-tuc?field=${encodeURIComponent(f.code)}`}>{localized(f.name, f.nameEn)}</Link>
                        {home.data?.counts ? (
                          <span className="field-count">
                            {countOf(f.code)}
                            <span className="visually-hidden"> {t('home.proceduresWord')}</span>
                          </span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </Card>
              </Col>
            ))}
          </Row>
          <p className="home-more">
            <Link to="/thu-tuc">{t('home.allProcedures')}</Link>
          </p>
        </section>
      </div>
    </>
  );
}
