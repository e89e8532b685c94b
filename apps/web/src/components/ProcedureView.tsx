import { Button, Card } from 'antd';
import { DownloadOutlined, FormOutlined } from '@ant-design/icons';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { PROCEDURE_LEVEL_LABELS, type Component, type Fee, type ProcedureContent } from '@motcua/domain';
import { useI18n } from '../i18n.ts';
import { formatDate, formatTimeLimit, formatVnd } from '../format.ts';
import { DemoCodeTag, OnlineLevelTag, ToneTag } from './tags.tsx';
import { Loading } from './status.tsx';
import type { AgencyRef, FieldRef } from '../types.ts';

// rjsf and its theme are large: loaded only when someone opens an e-form preview.
const EFormPreview = lazy(() => import('./EFormPreview.tsx'));

export interface ProcedureViewProps {
  code: string;
  codeIsOfficial: boolean;
  content: ProcedureContent;
  field?: FieldRef | null;
  agencies?: AgencyRef[];
  version?: number;
  effectiveFrom?: string | null;
  /** Links to the printable templates (the public page); off in the back office's draft preview. */
  templateLinks?: boolean;
  /** Heading level of the sections (2 on the public page, 3 inside a drawer with its own h2). */
  level?: 2 | 3;
}

function Section({ id, title, level, children }: { id: string; title: string; level: 2 | 3; children: ReactNode }) {
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <section className="detail-section" aria-labelledby={id}>
      <H id={id} className="section-title">
        {title}
      </H>
      {children}
    </section>
  );
}

function Fact({ label, children, data }: { label: string; children: ReactNode; /** Vietnamese data, not interface text */ data?: boolean }) {
  const { dataLang } = useI18n();
  if (children === null || children === undefined || children === '') return null;
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd lang={data ? dataLang : undefined}>{children}</dd>
    </div>
  );
}

function FeesTable({ fees, caption }: { fees: Fee[]; caption: string }) {
  const { t, dataLang } = useI18n();
  if (!fees.length) return <p>{t('procedure.noFees')}</p>;
  return (
    <table className="data-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="nowrap">{t('procedure.feeKind')}</th>
          <th scope="col">{t('procedure.feeName')}</th>
          <th scope="col" className="nowrap">{t('procedure.feeAmount')}</th>
          <th scope="col">{t('procedure.feeExempt')}</th>
          <th scope="col">{t('procedure.note')}</th>
        </tr>
      </thead>
      <tbody>
        {fees.map((f, i) => (
          <tr key={i}>
            <td data-label={t('procedure.feeKind')} className="nowrap">{t(f.kind === 'fee' ? 'procedure.fee' : 'procedure.charge')}</td>
            <td data-label={t('procedure.feeName')} lang={dataLang}>{f.name}</td>
            <td data-label={t('procedure.feeAmount')} className="amount">
              {f.amount === 0 ? t('procedure.free') : formatVnd(f.amount)}
            </td>
            <td data-label={t('procedure.feeExempt')} lang={f.exempt ? dataLang : undefined}>{f.exempt ?? '—'}</td>
            <td data-label={t('procedure.note')} lang={f.note ? dataLang : undefined}>{f.note ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ComponentItem({ c, code, caseCode, templateLinks, headingId }: { c: Component; code: string; caseCode: string; templateLinks: boolean; headingId: string }) {
  const { t, dataLang } = useI18n();
  const [open, setOpen] = useState(false);
  const formId = `${headingId}-form`;
  return (
    <li className="component-item">
      <div className="component-head">
        <span className="component-name" id={headingId} lang={dataLang}>
          {c.name}
        </span>
        {c.mandatory ? <ToneTag tone="red">{t('procedure.mandatory')}</ToneTag> : <ToneTag tone="grey">{t('procedure.optional')}</ToneTag>}
      </div>
      <p className="component-counts">{t('procedure.counts', { originals: c.originals, copies: c.copies })}</p>
      {c.note ? <p className="component-note" lang={dataLang}>{c.note}</p> : null}
      <div className="component-actions">
        {c.template && templateLinks ? (
          <Button size="small" className="template-link" icon={<DownloadOutlined aria-hidden />} href={`/api/v1/procedures/${encodeURIComponent(code)}/templates/${encodeURIComponent(caseCode)}/${encodeURIComponent(c.code)}`} download={c.template.fileName}>
            {t('procedure.downloadTemplate', { name: c.template.name })}
          </Button>
        ) : c.template ? (
          <span>{t('procedure.template', { name: c.template.name })}</span>
        ) : null}
        {c.form ? (
          <Button size="small" icon={<FormOutlined aria-hidden />} aria-expanded={open} aria-controls={formId} onClick={() => setOpen((o) => !o)}>
            {open ? t('procedure.hideEForm') : t('procedure.showEForm')}
          </Button>
        ) : null}
      </div>
      {c.template?.source ? <p className="component-source">{t('procedure.templateSource', { source: c.template.source })}</p> : null}
      {c.form && open ? (
        <div id={formId} className="eform-preview" role="region" aria-label={t('procedure.eFormOf', { name: c.name })}>
          <Suspense fallback={<Loading />}>
            <EFormPreview schema={c.form.schema} uiSchema={c.form.uiSchema} />
          </Suspense>
        </div>
      ) : null}
    </li>
  );
}

export function ProcedureView({ code, codeIsOfficial, content: c, field, agencies, version, effectiveFrom, templateLinks = true, level = 2 }: ProcedureViewProps) {
  const { t, lang, pick, dataLang } = useI18n();
  const sub = level === 2 ? 'h3' : 'h4';
  const Sub = sub;
  const agencyNames = agencies?.length ? agencies.map((a) => a.name) : c.agencyCodes;
  const channelLabel = { direct: t('channel.direct'), online: t('channel.online'), postal: t('channel.postal') };
  const applicantLabel = { individual: t('applicant.individual'), organisation: t('applicant.organisation') };
  const p = `pv-${code.replace(/[^A-Za-z0-9-]/g, '-')}`;
  return (
    <div className="procedure-view">
      <Section id={`${p}-general`} title={t('procedure.general')} level={level}>
        <dl className="facts">
          <Fact label={t('procedure.code')}>
            <span className="code">{code}</span> <DemoCodeTag official={codeIsOfficial} />
          </Fact>
          {lang === 'en' || !c.nameEn ? null : <Fact label={t('procedure.nameEn')}>{c.nameEn}</Fact>}
          <Fact data label={t('procedure.field')}>{field ? field.name : c.fieldCode}</Fact>
          {field?.sector ? <Fact data label={t('procedure.sector')}>{field.sector}</Fact> : null}
          <Fact label={t('procedure.level')}>{pick(PROCEDURE_LEVEL_LABELS[c.level])}</Fact>
          <Fact data label={t('procedure.agencies')}>
            {agencyNames.length === 1 ? (
              agencyNames[0]
            ) : (
              <ul className={agencyNames.length > 6 ? 'plain-list columns' : 'plain-list'}>
                {agencyNames.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
          </Fact>
          <Fact data label={t('procedure.implementingBody')}>{c.implementingBody}</Fact>
          <Fact label={t('procedure.applicantTypes')}>{c.applicantTypes.map((a) => applicantLabel[a]).join(', ')}</Fact>
          <Fact label={t('procedure.timeLimit')}>
            <strong>{formatTimeLimit(c.timeLimit, t, lang)}</strong>
            {c.timeLimit.note ? (
              <span className="fact-note" lang={dataLang}>
                {' '}
                — {c.timeLimit.note}
              </span>
            ) : null}
          </Fact>
          <Fact label={t('procedure.channels')}>{c.channels.map((ch) => channelLabel[ch]).join(', ')}</Fact>
          <Fact label={t('procedure.onlineLevel')}>
            <OnlineLevelTag level={c.onlineLevel} />
          </Fact>
          {c.legacyServiceLevel ? <Fact label={t('procedure.legacyLevel')}>{t('procedure.legacyLevelValue', { n: c.legacyServiceLevel })}</Fact> : null}
          <Fact data label={t('procedure.result')}>{c.result}</Fact>
          {version ? (
            <Fact label={t('procedure.version')}>
              {effectiveFrom ? t('procedure.versionFrom', { n: version, date: formatDate(effectiveFrom) }) : t('procedure.versionN', { n: version })}
            </Fact>
          ) : null}
        </dl>
      </Section>

      <Section id={`${p}-fees`} title={t('procedure.fees')} level={level}>
        <FeesTable fees={c.fees} caption={t('procedure.fees')} />
      </Section>

      <Section id={`${p}-legal`} title={t('procedure.legalBasis')} level={level}>
        {c.legalBasis.length ? (
          <ul className="legal-list" lang={dataLang}>
            {c.legalBasis.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        ) : (
          <p>{t('common.none')}</p>
        )}
      </Section>

      {c.requirements ? (
        <Section id={`${p}-req`} title={t('procedure.requirements')} level={level}>
          <div className="prose" lang={dataLang}>
            {c.requirements}
          </div>
        </Section>
      ) : null}

      <Section id={`${p}-steps`} title={t('procedure.steps')} level={level}>
        <div className="prose" lang={c.steps ? dataLang : undefined}>
          {c.steps || t('common.none')}
        </div>
      </Section>

      <Section id={`${p}-components`} title={t('procedure.components')} level={level}>
        {c.cases.map((cs, ci) => (
          <Card key={cs.code} className="case-card" size="small">
            <Sub className="case-title">{c.cases.length > 1 ? t('procedure.caseN', { n: ci + 1, name: cs.name }) : cs.name}</Sub>
            {cs.description ? <p className="case-description" lang={dataLang}>{cs.description}</p> : null}
            {cs.timeLimit ? (
              <p>
                <strong>{t('procedure.timeLimit')}:</strong> {formatTimeLimit(cs.timeLimit, t, lang)}
                {cs.timeLimit.note ? ` — ${cs.timeLimit.note}` : ''}
              </p>
            ) : null}
            {cs.fees ? <FeesTable fees={cs.fees} caption={`${t('procedure.fees')} — ${cs.name}`} /> : null}
            {cs.components.length ? (
              <ol className="component-list">
                {cs.components.map((comp, i) => (
                  <ComponentItem key={comp.code} c={comp} code={code} caseCode={cs.code} templateLinks={templateLinks} headingId={`${p}-c${ci}-${i}`} />
                ))}
              </ol>
            ) : (
              <p>{t('procedure.noComponents')}</p>
            )}
          </Card>
        ))}
      </Section>
    </div>
  );
}
