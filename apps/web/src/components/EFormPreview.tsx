import Form from '@rjsf/antd';
import type { RJSFSchema, UiSchema, ValidatorType } from '@rjsf/utils';
import { useMemo } from 'react';
import { useI18n } from '../i18n.ts';
import { rjsfTranslator } from '../eform/strings.ts';

/**
 * A read-only preview of a component's e-form (biểu mẫu điện tử). The page's CSP forbids eval, and
 * ajv compiles schemas with `new Function`, so the preview uses a validator that validates
 * nothing: it only lays the form out. The submission wizard validates with eform/validator.ts.
 */
const previewValidator: ValidatorType = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: () => true,
  rawValidation: () => ({ errors: [] }),
};

export default function EFormPreview({ schema, uiSchema }: { schema: Record<string, unknown>; uiSchema?: Record<string, unknown> | undefined }) {
  const { lang, t } = useI18n();
  const ui = useMemo<UiSchema>(() => ({ ...(uiSchema ?? {}), 'ui:submitButtonOptions': { norender: true } }), [uiSchema]);
  const translateString = useMemo(() => rjsfTranslator(lang), [lang]);
  return (
    <div className="eform">
      <p className="eform-note">{t('procedure.eFormNote')}</p>
      <Form schema={schema as RJSFSchema} uiSchema={ui} validator={previewValidator} readonly noHtml5Validate showErrorList={false} translateString={translateString} onSubmit={() => undefined} />
    </div>
  );
}
