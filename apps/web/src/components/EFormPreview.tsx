import Form from '@rjsf/antd';
import { englishStringTranslator, replaceStringParameters, TranslatableString, type RJSFSchema, type UiSchema, type ValidatorType } from '@rjsf/utils';
import { useMemo } from 'react';
import { useI18n } from '../i18n.ts';

/**
 * A read-only preview of a component's e-form (biểu mẫu điện tử). The page's CSP forbids eval, and
 * ajv compiles schemas with `new Function`, so the preview uses a validator that validates
 * nothing: it only lays the form out. (Submission will validate on the server, and in the browser
 * with a precompiled or interpreting validator — see the report for the online submission issue.)
 */
const previewValidator: ValidatorType = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: () => true,
  rawValidation: () => ({ errors: [] }),
};

const VI: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: 'Mục',
  [TranslatableString.EmptyArray]: 'Chưa có mục nào.',
  [TranslatableString.YesLabel]: 'Có',
  [TranslatableString.NoLabel]: 'Không',
  [TranslatableString.CloseLabel]: 'Đóng',
  [TranslatableString.ErrorsLabel]: 'Lỗi',
  [TranslatableString.AddButton]: 'Thêm',
  [TranslatableString.AddItemButton]: 'Thêm mục',
  [TranslatableString.CopyButton]: 'Sao chép',
  [TranslatableString.MoveDownButton]: 'Chuyển xuống',
  [TranslatableString.MoveUpButton]: 'Chuyển lên',
  [TranslatableString.RemoveButton]: 'Xóa',
  [TranslatableString.NowLabel]: 'Bây giờ',
  [TranslatableString.ClearLabel]: 'Xóa',
  [TranslatableString.AriaDateLabel]: 'Chọn ngày',
  [TranslatableString.PreviewLabel]: 'Xem trước',
  [TranslatableString.DecrementAriaLabel]: 'Giảm 1',
  [TranslatableString.IncrementAriaLabel]: 'Tăng 1',
  [TranslatableString.OptionalObjectEmptyMsg]: 'Không có dữ liệu',
};

export default function EFormPreview({ schema, uiSchema }: { schema: Record<string, unknown>; uiSchema?: Record<string, unknown> | undefined }) {
  const { lang, t } = useI18n();
  const ui = useMemo<UiSchema>(() => ({ ...(uiSchema ?? {}), 'ui:submitButtonOptions': { norender: true } }), [uiSchema]);
  const translateString = (s: TranslatableString, params?: string[]) => {
    const vi = lang === 'vi' ? VI[s] : undefined;
    return vi ? replaceStringParameters(vi, params) : englishStringTranslator(s, params);
  };
  return (
    <div className="eform">
      <p className="eform-note">{t('procedure.eFormNote')}</p>
      <Form schema={schema as RJSFSchema} uiSchema={ui} validator={previewValidator} readonly noHtml5Validate showErrorList={false} translateString={translateString} onSubmit={() => undefined} />
    </div>
  );
}
