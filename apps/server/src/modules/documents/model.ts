import type { Block } from '@motcua/domain/documents/index.ts';

/** A document ready to print: what the PDF and the DOCX renderers both draw, so they never disagree. */
export interface PrintDoc {
  paper: 'A5' | 'A4' | 'A4-landscape';
  /** Encoded in the QR code at the top left (the public lookup address of the dossier). */
  qrText: string | null;
  governingBody: string;
  agencyName: string;
  number: string | null;
  placeDate: string;
  title: string;
  blocks: Block[];
  table: { columns: { title: string; width: number }[]; rows: string[][] } | null;
  signatures: { title: string; note: string }[];
  /** Document metadata title. */
  docTitle: string;
}

export const MOTTO = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'] as const;
