import Form from '@rjsf/antd';
import { englishStringTranslator, type ErrorSchema, type RJSFSchema, type UiSchema, type ValidatorType } from '@rjsf/utils';
import { useMemo } from 'react';

/**
 * An e-form (biểu mẫu điện tử) filled at the desk or shown read-only in the workspace. The CSP
 * forbids eval and ajv compiles with `new Function`, so nothing is validated here: the server
 * validates on submission and its field errors come back as `errors` (dotted paths under the form).
 */
const noValidation: ValidatorType = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: () => true,
  rawValidation: () => ({ errors: [] }),
};

/** { "nguoiYeuCau.soDinhDanh": ["…"] } → rjsf's nested error schema. */
function toErrorSchema(errors: Record<string, string[]>): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const [path, msgs] of Object.entries(errors)) {
    let node = root;
    for (const part of path.split('.').filter(Boolean)) node = (node[part] ??= {}) as Record<string, unknown>;
    node.__errors = msgs;
  }
  return root as ErrorSchema;
}

export default function EFormFields({
  schema,
  uiSchema,
  value,
  onChange,
  readonly,
  errors,
}: {
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown> | undefined;
  value: Record<string, unknown> | undefined;
  onChange?: (v: Record<string, unknown>) => void;
  readonly?: boolean;
  errors?: Record<string, string[]>;
}) {
  const ui = useMemo<UiSchema>(() => ({ ...(uiSchema ?? {}), 'ui:submitButtonOptions': { norender: true } }), [uiSchema]);
  const extra = useMemo(() => toErrorSchema(errors ?? {}), [errors]);
  return (
    <div className="eform">
      <Form
        schema={schema as RJSFSchema}
        uiSchema={ui}
        formData={value ?? {}}
        validator={noValidation}
        readonly={!!readonly}
        noHtml5Validate
        showErrorList={false}
        extraErrors={extra}
        translateString={englishStringTranslator}
        onChange={(e) => onChange?.((e.formData ?? {}) as Record<string, unknown>)}
        onSubmit={() => undefined}
      />
    </div>
  );
}
