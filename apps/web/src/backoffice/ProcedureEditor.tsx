import { Alert, Button, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Table, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useCallback, useMemo, type ReactNode } from 'react';
import { ONLINE_LEVEL_LABELS, PROCEDURE_LEVEL_LABELS, type FieldError, type ProcedureContent } from '@motcua/domain';
import { useI18n } from '../i18n.ts';
import { useAgencies, useFields } from '../hooks.ts';
import { clearErrors, fieldMessage } from '../forms.ts';

/**
 * The form over ProcedureContent. Field names follow the content's paths exactly
 * (cases.0.components.1.form.schema), so the server's field errors land next to their fields.
 * E-form schemas are edited as JSON text and parsed before sending.
 */

type Name = (string | number)[];
type Obj = Record<string, unknown>;

export interface EditorValues extends Obj {
  code?: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const json = (v: unknown) => (v && typeof v === 'object' && Object.keys(v).length ? JSON.stringify(v, null, 2) : '');

export function toFormValues(c: ProcedureContent, code?: string): EditorValues {
  const copy = structuredClone(c) as unknown as Obj & { cases: (Obj & { components: Obj[] })[] };
  return {
    ...(code !== undefined ? { code } : {}),
    ...copy,
    fieldCode: c.fieldCode || undefined,
    cases: copy.cases.map((cs) => ({
      ...cs,
      components: cs.components.map((comp) => {
        const form = comp.form as { schema?: Obj; uiSchema?: Obj } | undefined;
        const template = comp.template as Obj | undefined;
        return {
          ...comp,
          template: { name: str(template?.name), fileName: str(template?.fileName), source: str(template?.source) },
          form: { schema: json(form?.schema), uiSchema: json(form?.uiSchema) },
        };
      }),
    })),
  };
}

function optional(o: Obj, key: string, v: unknown) {
  if (!blank(v)) o[key] = typeof v === 'string' ? v.trim() : v;
}

function timeLimitOf(tl: unknown): Obj | undefined {
  if (!tl || typeof tl !== 'object') return undefined;
  const t = tl as Obj;
  const out: Obj = { unit: t.unit, value: t.value ?? null };
  if (t.onTheSpot) out.onTheSpot = true;
  optional(out, 'note', t.note);
  return out;
}

function feesOf(list: unknown): Obj[] {
  return ((list as Obj[] | undefined) ?? []).map((f) => {
    const out: Obj = { kind: f.kind, name: str(f.name).trim(), amount: f.amount ?? null };
    optional(out, 'note', f.note);
    optional(out, 'exempt', f.exempt);
    return out;
  });
}

/** Form values → ProcedureContent; JSON that does not parse is reported per field instead. */
export function fromFormValues(v: EditorValues, t: (k: 'editor.badJson' | 'editor.jsonObject') => string): { content: ProcedureContent | null; errors: { name: Name; message: string }[] } {
  const errors: { name: Name; message: string }[] = [];
  const parse = (text: unknown, name: Name): Obj | undefined => {
    if (blank(text)) return undefined;
    try {
      const o = JSON.parse(String(text)) as unknown;
      if (!o || typeof o !== 'object' || Array.isArray(o)) {
        errors.push({ name, message: t('editor.jsonObject') });
        return undefined;
      }
      return o as Obj;
    } catch (e) {
      errors.push({ name, message: `${t('editor.badJson')}: ${(e as Error).message}` });
      return undefined;
    }
  };
  const out: Obj = {
    name: str(v.name).trim(),
    fieldCode: v.fieldCode ?? '',
    level: v.level,
    agencyCodes: v.agencyCodes ?? [],
    legalBasis: ((v.legalBasis as unknown[] | undefined) ?? []).map((s) => str(s).trim()).filter(Boolean),
    timeLimit: timeLimitOf(v.timeLimit) ?? { unit: 'working-days', value: null },
    fees: feesOf(v.fees),
    channels: v.channels ?? [],
    onlineLevel: v.onlineLevel,
    applicantTypes: v.applicantTypes ?? [],
    steps: str(v.steps),
    result: str(v.result).trim(),
  };
  optional(out, 'nameEn', v.nameEn);
  optional(out, 'implementingBody', v.implementingBody);
  optional(out, 'requirements', v.requirements);
  if (v.legacyServiceLevel !== undefined && v.legacyServiceLevel !== null) out.legacyServiceLevel = v.legacyServiceLevel;
  out.cases = ((v.cases as Obj[] | undefined) ?? []).map((cs, ci) => {
    const c: Obj = { code: str(cs.code).trim(), name: str(cs.name).trim() };
    optional(c, 'description', cs.description);
    const tl = timeLimitOf(cs.timeLimit);
    if (tl) c.timeLimit = tl;
    if (Array.isArray(cs.fees)) c.fees = feesOf(cs.fees);
    c.components = ((cs.components as Obj[] | undefined) ?? []).map((comp, pi) => {
      const o: Obj = { code: str(comp.code).trim(), name: str(comp.name).trim(), originals: comp.originals ?? 0, copies: comp.copies ?? 0, mandatory: !!comp.mandatory };
      optional(o, 'note', comp.note);
      const tpl = (comp.template ?? {}) as Obj;
      if (!blank(tpl.name) || !blank(tpl.fileName)) {
        const tp: Obj = { name: str(tpl.name).trim(), fileName: str(tpl.fileName).trim() };
        optional(tp, 'source', tpl.source);
        o.template = tp;
      }
      const form = (comp.form ?? {}) as Obj;
      const base: Name = ['cases', ci, 'components', pi, 'form'];
      const schema = parse(form.schema, [...base, 'schema']);
      const uiSchema = parse(form.uiSchema, [...base, 'uiSchema']);
      if (schema) o.form = uiSchema ? { schema, uiSchema } : { schema };
      return o;
    });
    return c;
  });
  return { content: errors.length ? null : (out as unknown as ProcedureContent), errors };
}

/** Validate the form, then convert; null when something is wrong (the errors are shown in place). */
export function useContentBuilder(form: FormInstance<EditorValues>) {
  const { t } = useI18n();
  return useCallback(async (): Promise<{ code?: string; content: ProcedureContent } | null> => {
    clearErrors(form);
    try {
      await form.validateFields();
    } catch {
      return null;
    }
    const values = form.getFieldsValue(true) as EditorValues;
    const { content, errors } = fromFormValues(values, t);
    if (!content) {
      form.setFields(errors.map((e) => ({ name: e.name, errors: [e.message] })));
      if (errors[0]) form.scrollToField(errors[0].name, { block: 'center' });
      return null;
    }
    return { ...(values.code !== undefined ? { code: String(values.code).trim() } : {}), content };
  }, [form, t]);
}

export const EMPTY_CONTENT = (agencyCode?: string): ProcedureContent => ({
  name: '',
  fieldCode: '',
  level: 'province',
  agencyCodes: agencyCode ? [agencyCode] : [],
  legalBasis: [],
  timeLimit: { unit: 'working-days', value: 5 },
  fees: [],
  channels: ['direct', 'online'],
  onlineLevel: 'partial',
  applicantTypes: ['individual'],
  steps: '',
  result: '',
  cases: [{ code: 'TH1', name: 'Trường hợp chung', components: [] }],
});

function SubHeading({ level, children }: { level: 2 | 3; children: ReactNode }) {
  const H = level === 2 ? 'h2' : 'h3';
  return <H className="editor-heading">{children}</H>;
}

export interface ProcedureEditorProps {
  form: FormInstance<EditorValues>;
  initialValues: EditorValues;
  /** Show the procedure code field (creation). */
  withCode?: boolean;
  /** Heading level of the editor's sections. */
  level?: 2 | 3;
  /** Errors no field could show (from the last save). */
  unmatched?: FieldError[];
  disabled?: boolean;
  actions?: ReactNode;
}

export function ProcedureEditor({ form, initialValues, withCode, level = 3, unmatched = [], disabled, actions }: ProcedureEditorProps) {
  const { t, lang, pick, localized } = useI18n();
  const fields = useFields();
  const agencies = useAgencies();
  const req = [{ required: true, message: t('common.required') }];

  const fieldOptions = useMemo(() => {
    const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
    for (const f of fields.data ?? []) {
      const g = groups.get(f.sector) ?? { label: localized(f.sector, f.sectorEn), options: [] };
      g.options.push({ value: f.code, label: `${localized(f.name, f.nameEn)} (${f.code})` });
      groups.set(f.sector, g);
    }
    return [...groups.values()];
  }, [fields.data, localized]);
  const agencyOptions = useMemo(() => (agencies.data ?? []).map((a) => ({ value: a.code, label: `${localized(a.name, a.nameEn)} (${a.code})` })), [agencies.data, localized]);

  return (
    <Form form={form} layout="vertical" initialValues={initialValues} disabled={disabled ?? false} scrollToFirstError className="procedure-editor">
      {unmatched.length ? (
        <Alert
          type="error"
          showIcon
          className="page-alert"
          message={t('editor.otherErrors')}
          description={
            <ul>
              {unmatched.map((e, i) => (
                <li key={i}>
                  <code>{e.field || '—'}</code>: {fieldMessage(e, lang)}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}

      <Card className="editor-card">
        <SubHeading level={level}>{t('procedure.general')}</SubHeading>
        <Row gutter={16}>
          {withCode ? (
            <Col xs={24} md={8}>
              <Form.Item name="code" label={t('procedure.code')} rules={[...req, { pattern: /^[A-Za-z0-9.-]+$/, message: t('editor.codePattern') }]} extra={t('editor.codeHint')}>
                <Input autoComplete="off" spellCheck={false} />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={withCode ? 16 : 24}>
            <Form.Item name="name" label={t('procedure.name')} rules={req}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="nameEn" label={t('procedure.nameEn')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="fieldCode" label={t('procedure.field')} rules={req}>
              <Select options={fieldOptions} showSearch optionFilterProp="label" loading={fields.loading} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="level" label={t('procedure.level')} rules={req}>
              <Select options={(['central', 'province', 'district', 'commune'] as const).map((l) => ({ value: l, label: pick(PROCEDURE_LEVEL_LABELS[l]) }))} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="agencyCodes" label={t('procedure.agencies')} rules={req}>
              <Select mode="multiple" options={agencyOptions} showSearch optionFilterProp="label" loading={agencies.loading} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="implementingBody" label={t('procedure.implementingBody')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="applicantTypes" label={t('procedure.applicantTypes')} rules={req}>
              <Checkbox.Group options={[{ value: 'individual', label: t('applicant.individual') }, { value: 'organisation', label: t('applicant.organisation') }]} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="channels" label={t('procedure.channels')} rules={req}>
              <Checkbox.Group options={[{ value: 'direct', label: t('channel.direct') }, { value: 'online', label: t('channel.online') }, { value: 'postal', label: t('channel.postal') }]} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="onlineLevel" label={t('procedure.onlineLevel')} rules={req}>
              <Radio.Group options={(['full', 'partial', 'none'] as const).map((l) => ({ value: l, label: pick(ONLINE_LEVEL_LABELS[l]) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="legacyServiceLevel" label={t('procedure.legacyLevel')}>
              <Select allowClear placeholder={t('common.none')} options={[1, 2, 3, 4].map((n) => ({ value: n, label: t('procedure.legacyLevelValue', { n }) }))} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="result" label={t('procedure.result')} rules={req}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card className="editor-card">
        <SubHeading level={level}>{t('procedure.timeLimit')}</SubHeading>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name={['timeLimit', 'unit']} label={t('editor.unit')} rules={req}>
              <Radio.Group
                options={[
                  { value: 'working-days', label: t('editor.workingDays') },
                  { value: 'working-hours', label: t('editor.workingHours') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name={['timeLimit', 'value']} label={t('editor.value')} rules={req}>
              <InputNumber min={0} max={365} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name={['timeLimit', 'onTheSpot']} label={t('time.onTheSpot')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name={['timeLimit', 'note']} label={t('procedure.note')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card className="editor-card">
        <SubHeading level={level}>{t('procedure.legalBasis')}</SubHeading>
        <Form.List name="legalBasis">
          {(items, { add, remove }) => (
            <>
              {items.map((item, i) => (
                <div key={item.key} className="list-row">
                  <Form.Item name={item.name} label={t('editor.legalN', { n: i + 1 })} className="grow" rules={req}>
                    <Input />
                  </Form.Item>
                  <Button icon={<DeleteOutlined aria-hidden />} onClick={() => remove(item.name)} aria-label={t('editor.removeLegal', { n: i + 1 })} className="row-remove" />
                </div>
              ))}
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add('')}>
                {t('editor.addLegal')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <Card className="editor-card">
        <SubHeading level={level}>{t('procedure.fees')}</SubHeading>
        <Form.List name="fees">
          {(items, { add, remove }) => (
            <>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={items}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: t('procedure.noFees') }}
                columns={[
                  {
                    title: t('procedure.feeKind'),
                    render: (_, item, i) => (
                      <Form.Item name={[item.name, 'kind']} rules={req} noStyle={false} className="cell-item">
                        <Select aria-label={`${t('procedure.feeKind')} ${i + 1}`} style={{ width: 110 }} options={[{ value: 'fee', label: t('procedure.fee') }, { value: 'charge', label: t('procedure.charge') }]} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('procedure.feeName'),
                    render: (_, item, i) => (
                      <Form.Item name={[item.name, 'name']} rules={req} className="cell-item">
                        <Input aria-label={`${t('procedure.feeName')} ${i + 1}`} style={{ minWidth: 200 }} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('editor.amountVnd'),
                    render: (_, item, i) => (
                      <Form.Item name={[item.name, 'amount']} rules={req} className="cell-item">
                        <InputNumber<number> aria-label={`${t('editor.amountVnd')} ${i + 1}`} min={0} step={1000} precision={0} style={{ width: 140 }} formatter={(v) => (v === undefined || v === null || String(v) === '' ? '' : Number(v).toLocaleString('vi-VN'))} parser={(s) => Number((s ?? '').replace(/\D/g, ''))} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('procedure.feeExempt'),
                    render: (_, item, i) => (
                      <Form.Item name={[item.name, 'exempt']} className="cell-item">
                        <Input aria-label={`${t('procedure.feeExempt')} ${i + 1}`} style={{ minWidth: 180 }} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('procedure.note'),
                    render: (_, item, i) => (
                      <Form.Item name={[item.name, 'note']} className="cell-item">
                        <Input aria-label={`${t('procedure.note')} ${i + 1}`} style={{ minWidth: 160 }} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: <span className="visually-hidden">{t('common.actions')}</span>,
                    render: (_, item, i) => <Button icon={<DeleteOutlined aria-hidden />} onClick={() => remove(item.name)} aria-label={t('editor.removeFee', { n: i + 1 })} />,
                  },
                ]}
              />
              <Button className="add-below" icon={<PlusOutlined aria-hidden />} onClick={() => add({ kind: 'charge', name: '', amount: 0 })}>
                {t('editor.addFee')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <Card className="editor-card">
        <SubHeading level={level}>{t('editor.texts')}</SubHeading>
        <Form.Item name="requirements" label={t('procedure.requirements')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 12 }} />
        </Form.Item>
        <Form.Item name="steps" label={t('procedure.steps')}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 20 }} />
        </Form.Item>
      </Card>

      <Card className="editor-card">
        <SubHeading level={level}>{t('editor.cases')}</SubHeading>
        <Form.List name="cases">
          {(cases, { add: addCase, remove: removeCase }) => (
            <>
              {cases.map((cs, ci) => (
                <fieldset key={cs.key} className="case-fieldset">
                  <legend>{t('editor.caseN', { n: ci + 1 })}</legend>
                  <Row gutter={16}>
                    <Col xs={24} md={6}>
                      <Form.Item name={[cs.name, 'code']} label={t('editor.caseCode')} rules={req}>
                        <Input spellCheck={false} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={18}>
                      <Form.Item name={[cs.name, 'name']} label={t('editor.caseName')} rules={req}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={24}>
                      <Form.Item name={[cs.name, 'description']} label={t('editor.caseDescription')}>
                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.List name={[cs.name, 'components']}>
                    {(comps, { add, remove }) => (
                      <div className="components-editor">
                        {comps.map((comp, pi) => (
                          <fieldset key={comp.key} className="component-fieldset">
                            <legend>{t('editor.componentN', { n: pi + 1 })}</legend>
                            <Row gutter={16}>
                              <Col xs={24} md={6}>
                                <Form.Item name={[comp.name, 'code']} label={t('editor.componentCode')} rules={req}>
                                  <Input spellCheck={false} />
                                </Form.Item>
                              </Col>
                              <Col xs={24} md={18}>
                                <Form.Item name={[comp.name, 'name']} label={t('editor.componentName')} rules={req}>
                                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                                </Form.Item>
                              </Col>
                              <Col xs={12} md={6}>
                                <Form.Item name={[comp.name, 'originals']} label={t('editor.originals')} rules={req}>
                                  <InputNumber min={0} max={20} precision={0} style={{ width: '100%' }} />
                                </Form.Item>
                              </Col>
                              <Col xs={12} md={6}>
                                <Form.Item name={[comp.name, 'copies']} label={t('editor.copies')} rules={req}>
                                  <InputNumber min={0} max={20} precision={0} style={{ width: '100%' }} />
                                </Form.Item>
                              </Col>
                              <Col xs={24} md={12}>
                                <Form.Item name={[comp.name, 'mandatory']} label={t('procedure.mandatory')} valuePropName="checked">
                                  <Switch />
                                </Form.Item>
                              </Col>
                              <Col xs={24}>
                                <Form.Item name={[comp.name, 'note']} label={t('procedure.note')}>
                                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                                </Form.Item>
                              </Col>
                              <Col xs={24} md={10}>
                                <Form.Item name={[comp.name, 'template', 'name']} label={t('editor.templateName')}>
                                  <Input />
                                </Form.Item>
                              </Col>
                              <Col xs={24} md={6}>
                                <Form.Item name={[comp.name, 'template', 'fileName']} label={t('editor.templateFile')}>
                                  <Input spellCheck={false} placeholder="to-khai.docx" />
                                </Form.Item>
                              </Col>
                              <Col xs={24} md={8}>
                                <Form.Item name={[comp.name, 'template', 'source']} label={t('editor.templateSource')}>
                                  <Input />
                                </Form.Item>
                              </Col>
                              <Col xs={24} lg={14}>
                                <Form.Item name={[comp.name, 'form', 'schema']} label={t('editor.eFormSchema')} extra={t('editor.eFormSchemaHint')}>
                                  <Input.TextArea className="json-input" autoSize={{ minRows: 3, maxRows: 18 }} spellCheck={false} />
                                </Form.Item>
                              </Col>
                              <Col xs={24} lg={10}>
                                <Form.Item name={[comp.name, 'form', 'uiSchema']} label={t('editor.eFormUiSchema')}>
                                  <Input.TextArea className="json-input" autoSize={{ minRows: 3, maxRows: 18 }} spellCheck={false} />
                                </Form.Item>
                              </Col>
                            </Row>
                            <Button danger icon={<DeleteOutlined aria-hidden />} onClick={() => remove(comp.name)}>
                              {t('editor.removeComponent', { n: pi + 1 })}
                            </Button>
                          </fieldset>
                        ))}
                        <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ code: `TP${comps.length + 1}`, name: '', originals: 1, copies: 0, mandatory: true, template: { name: '', fileName: '', source: '' }, form: { schema: '', uiSchema: '' } })}>
                          {t('editor.addComponent')}
                        </Button>
                      </div>
                    )}
                  </Form.List>
                  {cases.length > 1 ? (
                    <Button danger className="add-below" icon={<DeleteOutlined aria-hidden />} onClick={() => removeCase(cs.name)}>
                      {t('editor.removeCase', { n: ci + 1 })}
                    </Button>
                  ) : null}
                </fieldset>
              ))}
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => addCase({ code: `TH${cases.length + 1}`, name: '', components: [] })}>
                {t('editor.addCase')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
      {actions ? (
        <div className="editor-actions">
          <Space wrap>{actions}</Space>
        </div>
      ) : null}
    </Form>
  );
}
