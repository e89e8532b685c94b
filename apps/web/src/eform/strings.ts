import { englishStringTranslator, replaceStringParameters, TranslatableString } from '@rjsf/utils';
import type { Lang } from '../i18n.ts';

/** rjsf's own words (buttons, labels) in Vietnamese; English falls back to rjsf's translator. */
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

export function rjsfTranslator(lang: Lang) {
  return (s: TranslatableString, params?: string[]) => {
    const vi = lang === 'vi' ? VI[s] : undefined;
    return vi ? replaceStringParameters(vi, params) : englishStringTranslator(s, params);
  };
}
