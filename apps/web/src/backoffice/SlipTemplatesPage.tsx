import { useEffect, useState, type FormEvent } from 'react';
import { App, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api, enc } from '../api.ts';
import { useDocumentTitle, useI18n, type MessageKey } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { fieldErrorsOf, problemText } from '../forms.ts';
import { LoadError, Loading } from '../components/status.tsx';
import { useAdminAgencyOptions } from './documentsAdmin.ts';
import './desk/documents.css';

interface Template {
  ruleSet: string;
  kind: string;
  form: string;
  paper: string;
  title: string;
  paragraphs: string[];
  overriddenAt: string | null;
  fields: { name: string; label: string; list: boolean }[];
}

const RULE_SETS = ['tt03-2025', 'tt01-2018'] as const;

/**
 * Slip templates (mẫu phiếu) per province or agency: the title and paragraphs of each form, with
 * {{field}} placeholders checked by the server, whose errors are shown on the offending paragraph.
 */
export default function SlipTemplatesPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('doc.tpl.title'));
  const { message, modal } = App.useApp();
  const { options, first } = useAdminAgencyOptions();
  const [scope, setScope] = useState<string | undefined>(first);
  useEffect(() => setScope((s) => s ?? first), [first]);
  const list = useLoad((signal) => (scope ? api.get<{ items: Template[] }>(`/api/v1/admin/slip-templates/${enc(scope)}`, undefined, { signal }).then((r) => r.items) : Promise.resolve([])), [scope]);
  const [editing, setEditing] = useState<Template | null>(null);
  const [title, setTitle] = useState('');
  const [paragraphs, setParagraphs] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const open = (tpl: Template) => {
    setEditing(tpl);
    setTitle(tpl.title);
    setParagraphs(tpl.paragraphs);
    setErrors({});
    // The editor opens below the lists: take the keyboard and the eye there.
    setTimeout(() => document.getElementById('tpl-title')?.focus(), 0);
  };
  const url = (tpl: Template) => `/api/v1/admin/slip-templates/${enc(scope ?? '')}/${enc(tpl.ruleSet)}/${enc(tpl.kind)}`;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    setErrors({});
    setBusy(true);
    try {
      const saved = await api.put<Template>(url(editing), { title, paragraphs }, { quiet: true });
      void message.success(t('doc.tpl.saved'));
      setEditing(saved);
      list.reload();
    } catch (ex) {
      const fields = fieldErrorsOf(ex, lang);
      setErrors(Object.keys(fields).length ? fields : { _: problemText(ex, t) });
    } finally {
      setBusy(false);
    }
  };
  const reset = (tpl: Template) =>
    modal.confirm({
      title: t('doc.tpl.resetConfirm', { scope: scope ?? '' }),
      okText: t('doc.tpl.reset'),
      cancelText: t('doc.tpl.cancel'),
      onOk: async () => {
        try {
          await api.del(url(tpl), { quiet: true });
          void message.success(t('doc.tpl.resetDone'));
          setEditing(null);
          list.reload();
        } catch (ex) {
          void message.error(problemText(ex, t));
        }
      },
    });
  const err = (field: string) =>
    errors[field] ? (
      <p id={`tpl-${field.replace('.', '-')}-err`} className="field-error" role="alert">
        {errors[field]}
      </p>
    ) : null;

  return (
    <div className="bo-page">
      <h1>{t('doc.tpl.title')}</h1>
      <p className="lead">{t('doc.tpl.lead')}</p>
      <div className="form-row">
        <label htmlFor="tpl-scope">{t('doc.tpl.scope')}</label>
        <Select id="tpl-scope" className="doc-scope" showSearch optionFilterProp="label" value={scope} onChange={(v) => (setScope(v), setEditing(null))} options={options} />
      </div>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {scope && list.data
        ? RULE_SETS.map((rs) => [rs, list.data!.filter((x) => x.ruleSet === rs)] as const).map(([rs, rows]) => (
            <section key={rs} aria-labelledby={`tpl-${rs}`}>
              <h2 id={`tpl-${rs}`}>{t(`doc.tpl.ruleSet.${rs}` as MessageKey)}</h2>
              <Table<Template>
                size="small"
                rowKey={(r) => `${r.ruleSet}/${r.kind}`}
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={rows}
                columns={[
                  { title: t('doc.tpl.form', { form: '' }).trim(), dataIndex: 'form', width: 80 },
                  { title: t('doc.tpl.heading'), dataIndex: 'title' },
                  { title: t('doc.tpl.paper'), dataIndex: 'paper', responsive: ['md'] },
                  { title: t('doc.tpl.scope'), key: 'o', render: (_: unknown, r) => (r.overriddenAt ? <Tag color="blue">{t('doc.tpl.overridden', { scope: r.overriddenAt })}</Tag> : <Tag>{t('doc.tpl.default')}</Tag>) },
                  {
                    title: t('common.actions'),
                    key: 'a',
                    render: (_: unknown, r) => (
                      <Button size="small" onClick={() => open(r)} aria-label={`${t('doc.tpl.edit')}: ${r.title} (${r.ruleSet} ${r.form})`}>
                        {t('doc.tpl.edit')}
                      </Button>
                    ),
                  },
                ]}
              />
            </section>
          ))
        : null}
      {editing ? (
        <Card className="ws-card" size="small" title={<h2 className="card-h">{t('doc.tpl.editing', { title: `${editing.title} — ${t(`doc.tpl.ruleSet.${editing.ruleSet}` as MessageKey)}, ${t('doc.tpl.form', { form: editing.form })}` })}</h2>}>
          <form onSubmit={(e) => void save(e)} data-testid="template-form" noValidate>
            {errors._ ? (
              <p className="field-error" role="alert">
                {errors._}
              </p>
            ) : null}
            <div className="form-row">
              <label htmlFor="tpl-title">{t('doc.tpl.heading')}</label>
              <Input id="tpl-title" value={title} maxLength={300} onChange={(e) => setTitle(e.target.value)} aria-invalid={!!errors.title} aria-describedby={errors.title ? 'tpl-title-err' : undefined} />
              {err('title')}
            </div>
            {paragraphs.map((p, i) => (
              <div className="form-row" key={i} data-testid={`paragraph-${i}`}>
                <label htmlFor={`tpl-p-${i}`}>{t('doc.tpl.paragraph', { n: i + 1 })}</label>
                <Input.TextArea
                  id={`tpl-p-${i}`}
                  value={p}
                  autoSize={{ minRows: 2, maxRows: 8 }}
                  onChange={(e) => setParagraphs((ps) => ps.map((x, j) => (j === i ? e.target.value : x)))}
                  aria-invalid={!!errors[`paragraphs.${i}`]}
                  aria-describedby={errors[`paragraphs.${i}`] ? `tpl-paragraphs-${i}-err` : undefined}
                />
                {err(`paragraphs.${i}`)}
                <Button type="text" size="small" icon={<DeleteOutlined aria-hidden />} onClick={() => setParagraphs((ps) => ps.filter((_, j) => j !== i))}>
                  {t('doc.tpl.removeParagraph', { n: i + 1 })}
                </Button>
              </div>
            ))}
            {err('paragraphs')}
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setParagraphs((ps) => [...ps, ''])}>
              {t('doc.tpl.addParagraph')}
            </Button>
            <section aria-labelledby="tpl-fields" className="ws-card">
              <h3 id="tpl-fields">{t('doc.tpl.fields')}</h3>
              <ul className="plain-list columns">
                {editing.fields.map((f) => (
                  <li key={f.name}>
                    <code>{`{{${f.name}}}`}</code> — {f.label}
                    {f.list ? ` (${t('doc.tpl.list')})` : ''}
                  </li>
                ))}
              </ul>
            </section>
            <Space wrap className="ws-actions">
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('doc.tpl.save')}
              </Button>
              {editing.overriddenAt === scope ? (
                <Button danger onClick={() => reset(editing)}>
                  {t('doc.tpl.reset')}
                </Button>
              ) : null}
              <Button onClick={() => setEditing(null)}>{t('doc.tpl.cancel')}</Button>
            </Space>
          </form>
        </Card>
      ) : null}
    </div>
  );
}
