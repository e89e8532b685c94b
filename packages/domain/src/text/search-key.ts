/**
 * Accent-insensitive search key for Vietnamese text.
 *
 * Why in JS and not PostgreSQL's unaccent(): unaccent() is not IMMUTABLE, so it cannot back an
 * expression index, and its rules file differs between distributions. Folding here gives the
 * embedded and the server PostgreSQL byte-identical keys, and the browser can fold the same way.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Text arriving decomposed (NFD) renders but extracts badly from PDFs; store NFC only. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}
