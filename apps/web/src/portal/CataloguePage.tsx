import { Button, Card, Col, Empty, Input, List, Pagination, Row, Select } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ONLINE_LEVEL_LABELS, PROCEDURE_LEVEL_LABELS, type OnlineLevel, type ProcedureLevel } from '@motcua/domain';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { useAgencies, useFields, useLoad } from '../hooks.ts';
import { LoadError, Loading } from '../components/status.tsx';
import { DemoCodeTag, OnlineLevelTag } from '../components/tags.tsx';
import { formatNumber, formatTimeLimit, summariseNames } from '../format.ts';
import type { Paged, ProcedureSummary } from '../types.ts';

const PAGE_SIZE = 20;
const LEVELS: ProcedureLevel[] = ['central', 'province', 'district', 'commune'];
const ONLINE: OnlineLevel[] = ['full', 'partial', 'none'];
const FILTERS = ['q', 'field', 'agency', 'level', 'onlineLevel'] as const;

export default function CataloguePage() {
  const { t, lang, pick, localized, dataLang } = useI18n();
  useDocumentTitle(t('catalogue.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const field = params.get('field') ?? '';
  const agency = params.get('agency') ?? '';
  const level = params.get('level') ?? '';
  const onlineLevel = params.get('onlineLevel') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const fields = useFields();
  const agencies = useAgencies();
  const result = useLoad(
    (signal) =>
      api.get<Paged<ProcedureSummary>>(
        '/api/v1/procedures',
        { q, field, agency, level: LEVELS.includes(level as ProcedureLevel) ? level : '', onlineLevel: ONLINE.includes(onlineLevel as OnlineLevel) ? onlineLevel : '', page, pageSize: PAGE_SIZE },
        { signal },
      ),
    [q, field, agency, level, onlineLevel, page],
  );

  /** Every filter lives in the URL, so a result list can be linked and bookmarked. */
  const update = (changes: Partial<Record<(typeof FILTERS)[number] | 'page', string>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update({ q: text.trim() });
  };
  const anyFilter = FILTERS.some((k) => params.get(k));

  const fieldOptions = useMemo(() => {
    const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
    for (const f of fields.data ?? []) {
      const g = groups.get(f.sector) ?? { label: localized(f.sector, f.sectorEn), options: [] };
      g.options.push({ value: f.code, label: localized(f.name, f.nameEn) });
      groups.set(f.sector, g);
    }
    return [...groups.values()];
  }, [fields.data, localized]);
  const agencyOptions = useMemo(() => (agencies.data ?? []).map((a) => ({ value: a.code, label: localized(a.name, a.nameEn) })), [agencies.data, localized]);

  const data = result.data;
  return (
    <div className="container page">
      <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('nav.home')}</Link>
          </li>
          <li aria-current="page">{t('catalogue.title')}</li>
        </ol>
      </nav>
      <h1>{t('catalogue.title')}</h1>
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={7}>
          <Card className="filters" title={<h2 className="card-heading">{t('catalogue.filters')}</h2>} size="small">
            <form role="search" onSubmit={submit} className="filter-form" aria-label={t('catalogue.filters')}>
              <div className="filter-item">
                <label htmlFor="f-q">{t('catalogue.keyword')}</label>
                <div className="search-row stacked">
                  <Input id="f-q" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('home.searchPlaceholder')} allowClear autoComplete="off" enterKeyHint="search" />
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
                    {t('common.search')}
                  </Button>
                </div>
              </div>
              <div className="filter-item">
                <label htmlFor="f-field">{t('catalogue.field')}</label>
                <Select id="f-field" value={field || undefined} onChange={(v?: string) => update({ field: v ?? '' })} options={fieldOptions} allowClear showSearch optionFilterProp="label" placeholder={t('catalogue.allFields')} loading={fields.loading} style={{ width: '100%' }} />
              </div>
              <div className="filter-item">
                <label htmlFor="f-agency">{t('catalogue.agency')}</label>
                <Select id="f-agency" value={agency || undefined} onChange={(v?: string) => update({ agency: v ?? '' })} options={agencyOptions} allowClear showSearch optionFilterProp="label" placeholder={t('catalogue.allAgencies')} loading={agencies.loading} style={{ width: '100%' }} />
              </div>
              <div className="filter-item">
                <label htmlFor="f-level">{t('catalogue.level')}</label>
                <Select id="f-level" value={level || undefined} onChange={(v?: string) => update({ level: v ?? '' })} options={LEVELS.map((l) => ({ value: l, label: pick(PROCEDURE_LEVEL_LABELS[l]) }))} allowClear placeholder={t('catalogue.allLevels')} style={{ width: '100%' }} />
              </div>
              <div className="filter-item">
                <label htmlFor="f-online">{t('catalogue.onlineLevel')}</label>
                <Select id="f-online" value={onlineLevel || undefined} onChange={(v?: string) => update({ onlineLevel: v ?? '' })} options={ONLINE.map((l) => ({ value: l, label: pick(ONLINE_LEVEL_LABELS[l]) }))} allowClear placeholder={t('catalogue.allOnlineLevels')} style={{ width: '100%' }} />
              </div>
              {anyFilter ? (
                <Button onClick={() => setParams(new URLSearchParams())} block>
                  {t('catalogue.clearFilters')}
                </Button>
              ) : null}
            </form>
          </Card>
        </Col>
        <Col xs={24} lg={17}>
          <p className="result-count" role="status" aria-live="polite">
            {data ? t('catalogue.found', { n: formatNumber(data.total, lang) }) : ''}
          </p>
          {result.error ? <LoadError error={result.error} onRetry={result.reload} /> : null}
          {result.loading && !data ? <Loading /> : null}
          {data && data.items.length === 0 ? <Empty description={t('catalogue.noResults')} /> : null}
          {data && data.items.length > 0 ? (
            <List
              className="procedure-list"
              itemLayout="vertical"
              dataSource={data.items}
              loading={result.loading}
              renderItem={(p) => (
                <List.Item key={p.id} className="procedure-item">
                  <div className="procedure-item-code">
                    <span className="code">{p.code}</span>
                    <DemoCodeTag official={p.codeIsOfficial} />
                    <OnlineLevelTag level={p.onlineLevel} />
                  </div>
                  <h2 className="procedure-item-name">
                    <Link to={`/thu-tuc/${encodeURIComponent(p.code)}`} lang={dataLang}>
                      {p.name}
                    </Link>
                  </h2>
                  <dl className="procedure-item-facts">
                    <div>
                      <dt>{t('procedure.field')}</dt>
                      <dd lang={dataLang}>{p.field.name}</dd>
                    </div>
                    <div className="wide">
                      <dt>{t('procedure.agencies')}</dt>
                      <dd>{summariseNames(p.agencies.map((a) => a.name), t)}</dd>
                    </div>
                    <div>
                      <dt>{t('procedure.timeLimit')}</dt>
                      <dd>{formatTimeLimit(p.timeLimit, t, lang)}</dd>
                    </div>
                    <div>
                      <dt>{t('procedure.level')}</dt>
                      <dd>{pick(PROCEDURE_LEVEL_LABELS[p.level])}</dd>
                    </div>
                  </dl>
                </List.Item>
              )}
            />
          ) : null}
          {data && data.total > PAGE_SIZE ? (
            <nav aria-label={t('a11y.pagination')} className="pager">
              <Pagination current={page} pageSize={PAGE_SIZE} total={data.total} showSizeChanger={false} onChange={(p) => update({ page: p > 1 ? String(p) : '' })} />
            </nav>
          ) : null}
        </Col>
      </Row>
    </div>
  );
}
