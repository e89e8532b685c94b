/**
 * The template language and the renderer. Pure: no I/O, no clock.
 *
 * A template is text with `{{name}}` placeholders and two kinds of section, so one text can cover
 * the optional facts an event may or may not carry (a dossier has no code before the desk accepts
 * it; a refusal may come without a reason):
 *   {{#name}} … {{/name}}   shown when `name` has a value (non-empty string, non-empty list, number, true)
 *   {{^name}} … {{/name}}   shown when it has none
 * Deliberately no logic beyond that: an administrator edits these texts in the back office, and
 * the editor must be able to tell at a glance which facts a text uses (`placeholdersOf`).
 */
import { nfc } from '@motcua/domain';
import { BRAND, EMAIL_FOOTER, EVENT_INFO, brandOf, type NotificationEvent, type TemplateSource } from './templates.ts';

export type Locale = 'vi' | 'en';
export type Channel = 'in-app' | 'email' | 'sms';

export class TemplateSyntaxError extends Error {}

type Node = { t: 'text'; v: string } | { t: 'var'; name: string } | { t: 'section'; name: string; inverted: boolean; body: Node[] };

const TAG = /\{\{\s*([#^/]?)\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** Parses a template; throws TemplateSyntaxError on a malformed tag or an unclosed section. */
export function parseTemplate(src: string): Node[] {
  const root: Node[] = [];
  const stack: { name: string; body: Node[] }[] = [];
  let cur = root;
  let last = 0;
  const pushText = (s: string) => {
    if (!s) return;
    // Braces that are not a well-formed tag are a typo an editor must see, not text to send.
    if (s.includes('{{') || s.includes('}}')) throw new TemplateSyntaxError(`Thẻ không hợp lệ gần “${s.slice(Math.max(0, s.indexOf('{{')), s.indexOf('{{') + 30)}”`);
    cur.push({ t: 'text', v: s });
  };
  for (const m of src.matchAll(TAG)) {
    pushText(src.slice(last, m.index));
    last = m.index + m[0].length;
    const [, kind, name] = m as unknown as [string, string, string];
    if (kind === '') cur.push({ t: 'var', name });
    else if (kind === '/') {
      const open = stack.pop();
      if (!open || open.name !== name) throw new TemplateSyntaxError(`Thẻ đóng {{/${name}}} không khớp${open ? ` với {{#${open.name}}}` : ''}`);
      cur = stack.length ? stack[stack.length - 1]!.body : root;
    } else {
      const node: Node = { t: 'section', name, inverted: kind === '^', body: [] };
      cur.push(node);
      stack.push({ name, body: node.body });
      cur = node.body;
    }
  }
  pushText(src.slice(last));
  if (stack.length) throw new TemplateSyntaxError(`Thiếu thẻ đóng {{/${stack[stack.length - 1]!.name}}}`);
  return root;
}

/** Every name a template refers to, in variables and in sections. */
export function placeholdersOf(src: string): string[] {
  const out = new Set<string>();
  const walk = (ns: Node[]) => {
    for (const n of ns) {
      if (n.t === 'var') out.add(n.name);
      else if (n.t === 'section') {
        out.add(n.name);
        walk(n.body);
      }
    }
  };
  walk(parseTemplate(src));
  return [...out];
}

// ── Values ──────────────────────────────────────────────────────────────────────────────────

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_OFFSET_MS = 7 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `dd/MM/yyyy HH:mm` in Asia/Ho_Chi_Minh. The zone is fixed at UTC+7 (no daylight saving since
 * 1975), so the arithmetic needs no time-zone database and gives the same text on every machine.
 */
export function formatInstantVn(d: Date): string {
  const v = new Date(d.getTime() + VN_OFFSET_MS);
  return `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`;
}

function hasValue(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.some(hasValue);
  return true;
}

/**
 * How one value reads in a message. Instants (ISO 8601 with a time) become Vietnamese local time;
 * legal dates (YYYY-MM-DD) become dd/MM/yyyy; lists become one "- item" line each (or "a; b" in an
 * SMS, which has no room for lines). Objects have no sensible text and read as nothing.
 */
export function formatValue(v: unknown, locale: Locale, channel: Channel): string {
  if (!hasValue(v)) return '';
  if (v instanceof Date) return formatInstantVn(v);
  if (typeof v === 'string') {
    const s = v.trim();
    if (ISO_INSTANT.test(s)) {
      const d = new Date(s);
      if (!Number.isNaN(d.getTime())) return formatInstantVn(d);
    }
    const m = ISO_DATE.exec(s);
    if (m) return `${m[3]}/${m[2]}/${m[1]}`;
    return s;
  }
  if (typeof v === 'number') return v.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB');
  if (typeof v === 'boolean') return locale === 'vi' ? 'Có' : 'Yes';
  if (Array.isArray(v)) {
    const items = v.filter(hasValue).map((x) => formatValue(x, locale, channel));
    return channel === 'sms' ? items.join('; ') : items.map((x) => `- ${x}`).join('\n');
  }
  return '';
}

export interface RenderResult {
  text: string;
  /** Placeholders the template used but the data did not supply (rendered as nothing). */
  missing: string[];
}

/** Fills a template. Values are inserted as plain text; HTML escaping happens in `toHtml`. */
export function renderTemplate(src: string, data: Record<string, unknown>, locale: Locale, channel: Channel): RenderResult {
  const missing = new Set<string>();
  const walk = (ns: Node[]): string =>
    ns
      .map((n) => {
        if (n.t === 'text') return n.v;
        if (n.t === 'var') {
          const v = data[n.name];
          if (!hasValue(v)) missing.add(n.name);
          return formatValue(v, locale, channel);
        }
        return hasValue(data[n.name]) !== n.inverted ? walk(n.body) : '';
      })
      .join('');
  return { text: tidy(walk(parseTemplate(src))), missing: [...missing] };
}

/** Sections leave blank lines and trailing spaces behind; a message never shows them. */
function tidy(s: string): string {
  return nfc(
    s
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      // "Lý do: thiếu giấy tờ." followed by the template's own full stop reads "..": keep one.
      .replace(/([^.])\.\.(?!\.)/g, '$1.')
      .trim(),
  );
}

/** A subject is one header line: newlines from data must never reach the header. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

// ── HTML ────────────────────────────────────────────────────────────────────────────────────

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Only web links become anchors: a javascript: or data: value stays inert text. */
export function isWebLink(v: unknown): v is string {
  return typeof v === 'string' && /^https?:\/\/[^\s<>"']+$/.test(v.trim());
}

/** Turns already-escaped text into paragraphs, "- " lines into lists and web links into anchors. */
function paragraphsHtml(escaped: string): string {
  const linkify = (s: string) =>
    s.replace(/https?:\/\/[^\s<>"]+/g, (url) => {
      const m = /[.,;:!?)\]]+$/.exec(url);
      const tail = m ? m[0] : '';
      const href = tail ? url.slice(0, -tail.length) : url;
      return `<a href="${href}" style="color:#1d4ed8">${href}</a>${tail}`;
    });
  return escaped
    .split(/\n{2,}/)
    .map((block) => {
      const lines = block.split('\n');
      const items = lines.filter((l) => l.startsWith('- '));
      if (items.length === lines.length) return `<ul style="margin:0 0 12px;padding-left:20px">${items.map((l) => `<li>${linkify(l.slice(2))}</li>`).join('')}</ul>`;
      // A paragraph that ends with a list ("Đề nghị bổ sung:\n- a\n- b") keeps its list.
      const firstItem = lines.findIndex((l) => l.startsWith('- '));
      if (firstItem > 0 && lines.slice(firstItem).every((l) => l.startsWith('- '))) {
        const head = lines.slice(0, firstItem).map(linkify).join('<br>');
        const list = lines.slice(firstItem).map((l) => `<li>${linkify(l.slice(2))}</li>`).join('');
        return `<p style="margin:0 0 4px">${head}</p><ul style="margin:0 0 12px;padding-left:20px">${list}</ul>`;
      }
      return `<p style="margin:0 0 12px">${lines.map(linkify).join('<br>')}</p>`;
    })
    .join('\n');
}

export interface HtmlParts {
  locale: Locale;
  subject: string;
  /** The rendered plain text (unescaped): the HTML says exactly what the text part says. */
  text: string;
  brand: string;
  footer: string;
  button: { href: string; label: string } | null;
}

/**
 * The HTML part of an e-mail, derived from the rendered text so the two parts can never disagree
 * and an administrator's text override gets an HTML part too. Everything is escaped once, here,
 * so neither a value from data nor a character typed into a template can inject markup.
 */
export function toHtml(p: HtmlParts): string {
  const button = p.button
    ? `<tr><td style="padding:4px 24px 16px"><a href="${escapeHtml(p.button.href)}" style="display:inline-block;background:#b91c1c;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:4px;font-weight:bold">${escapeHtml(p.button.label)}</a></td></tr>`
    : '';
  return `<!doctype html>
<html lang="${p.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(p.subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;font-family:Arial,Helvetica,sans-serif;color:#111827">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-top:4px solid #b91c1c">
<tr><td style="padding:16px 24px 8px;font-size:16px;font-weight:bold;color:#b91c1c">${escapeHtml(p.brand)}</td></tr>
<tr><td style="padding:8px 24px;font-size:15px;line-height:1.6">
${paragraphsHtml(escapeHtml(p.text))}
</td></tr>
${button}
<tr><td style="padding:12px 24px 20px;font-size:12px;line-height:1.5;color:#6b7280;border-top:1px solid #e5e7eb">${escapeHtml(p.footer)}</td></tr>
</table>
</td></tr></table>
</body>
</html>
`;
}

// ── A whole message ─────────────────────────────────────────────────────────────────────────

export interface MessageContext {
  event: NotificationEvent;
  channel: Channel;
  locale: Locale;
  data: Record<string, unknown>;
  /** The portal's public address, without a trailing slash. */
  publicUrl: string;
}

export interface Message {
  /** E-mail subject or inbox title (one line); null for SMS. */
  subject: string | null;
  text: string;
  /** Only for e-mail. */
  html: string | null;
  /** The message's main action (a web link), for the e-mail button and the inbox. */
  link: string | null;
  missing: string[];
}

/**
 * The facts a message is rendered from: the notification's data, the portal address, and — for a
 * dossier that has a code but no link — the public lookup page, so that every dossier message
 * links back to its dossier even when the caller forgot to pass the link.
 */
export function messageData(ctx: Pick<MessageContext, 'event' | 'data' | 'publicUrl'>): Record<string, unknown> {
  const d: Record<string, unknown> = { publicUrl: ctx.publicUrl, ...ctx.data };
  if (ctx.event.startsWith('dossier.') && !hasValue(d.lookupUrl) && typeof d.code === 'string' && d.code.trim())
    d.lookupUrl = `${ctx.publicUrl}/tra-cuu/${encodeURIComponent(d.code.trim())}`;
  return d;
}

/** Renders one template (built-in or an administrator's) into the message a channel sends. */
export function renderMessage(tpl: TemplateSource, ctx: MessageContext): Message {
  const data = messageData(ctx);
  const body = renderTemplate(tpl.body, data, ctx.locale, ctx.channel);
  const subj = tpl.subject !== null && ctx.channel !== 'sms' ? renderTemplate(tpl.subject, data, ctx.locale, ctx.channel) : null;
  const missing = [...new Set([...body.missing, ...(subj?.missing ?? [])])];
  const info = EVENT_INFO[ctx.event];
  const own = info.link ? data[info.link] : null;
  const fallback = info.fallback && !isWebLink(own) ? data[info.fallback.link] : null;
  const link = isWebLink(own) ? own.trim() : isWebLink(fallback) ? fallback.trim() : null;
  const buttonLabel = (isWebLink(own) ? info.button : (info.fallback?.button ?? info.button))[ctx.locale];
  const subject = subj ? oneLine(subj.text) : null;
  if (ctx.channel !== 'email') return { subject, text: body.text, html: null, link, missing };
  const footer = EMAIL_FOOTER[ctx.locale];
  const html = toHtml({
    locale: ctx.locale,
    subject: subject ?? '',
    text: body.text,
    brand: BRAND[brandOf(ctx.event)][ctx.locale],
    footer,
    button: link ? { href: link, label: buttonLabel } : null,
  });
  return { subject, text: `${body.text}\n\n--\n${footer}`, html, link, missing };
}
