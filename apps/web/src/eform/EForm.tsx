import Form from '@rjsf/antd';
import type { IChangeEvent, default as CoreForm } from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { forwardRef, useImperativeHandle, useMemo, useRef } from 'react';
import { useI18n } from '../i18n.ts';
import { rjsfTranslator } from './strings.ts';
import { createValidator } from './validator.ts';

export interface EFormHandle {
  /** Validates, shows every error next to its field, focuses the first; true when valid. */
  validate: () => boolean;
}

const validators = { vi: createValidator('vi'), en: createValidator('en') };

/**
 * An interactive e-form (biểu mẫu điện tử tương tác) [SPEC §4]: the component's JSON Schema laid out
 * by rjsf with antd widgets; each field's `description` is its inline help. Validated in the browser
 * without eval (eform/validator.ts), in the interface's language; the server checks again.
 */
export const EForm = forwardRef<EFormHandle, { id: string; schema: Record<string, unknown>; uiSchema?: Record<string, unknown> | undefined; value: Record<string, unknown>; onChange: (v: Record<string, unknown>) => void }>(
  function EForm({ id, schema, uiSchema, value, onChange }, ref) {
    const { lang } = useI18n();
    const form = useRef<CoreForm>(null);
    const ui = useMemo<UiSchema>(() => ({ ...(uiSchema ?? {}), 'ui:submitButtonOptions': { norender: true } }), [uiSchema]);
    const translateString = useMemo(() => rjsfTranslator(lang), [lang]);
    useImperativeHandle(ref, () => ({ validate: () => form.current?.validateForm() ?? true }), []);
    return (
      <div className="eform eform-edit">
        <Form
          ref={form}
          idPrefix={id}
          schema={schema as RJSFSchema}
          uiSchema={ui}
          formData={value}
          validator={validators[lang]}
          noHtml5Validate
          focusOnFirstError
          // Defaults fill only required objects: an optional block (the father, say) left untouched
          // stays absent instead of becoming a half-filled object that fails its own required fields.
          experimental_defaultFormStateBehavior={{ emptyObjectFields: 'populateRequiredDefaults' }}
          showErrorList={false}
          translateString={translateString}
          onChange={(e: IChangeEvent) => onChange((e.formData ?? {}) as Record<string, unknown>)}
          onSubmit={() => undefined}
        />
      </div>
    );
  },
);
