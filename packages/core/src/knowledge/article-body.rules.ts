/**
 * An article's body (正文) is kept as text with a small markdown subset — paragraphs, `## ` headings, `- ` and
 * `1. ` lists, **bold** — and rendered here to HTML by escaping everything first: no tag, attribute or script a
 * writer types ever reaches a reader's page (`<script>` shows as text). Control characters are dropped on save.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The body as stored: line ends unified, control characters (but tab and newline) dropped, trimmed. */
export function cleanBody(body: string): string {
  // eslint-disable-next-line no-control-regex
  return body.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
}

function inline(s: string): string {
  return escapeHtml(s).replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

/** The body as safe HTML (paragraphs, h3 headings, lists, strong). */
export function renderBody(body: string): string {
  const out: string[] = [];
  let list: 'ul' | 'ol' | null = null;
  let para: string[] = [];
  const flushPara = () => {
    if (para.length) out.push(`<p>${para.map(inline).join('<br>')}</p>`);
    para = [];
  };
  const closeList = () => {
    if (list) out.push(`</${list}>`);
    list = null;
  };
  for (const raw of cleanBody(body).split('\n')) {
    const line = raw.trim();
    const bullet = /^[-*•]\s+(.*)$/.exec(line);
    const numbered = /^\d+[.、)]\s*(.*)$/.exec(line);
    if (!line) {
      flushPara();
      closeList();
    } else if (/^#{1,6}\s+/.test(line)) {
      flushPara();
      closeList();
      out.push(`<h3>${inline(line.replace(/^#{1,6}\s+/, ''))}</h3>`);
    } else if (bullet || numbered) {
      flushPara();
      const kind = bullet ? 'ul' : 'ol';
      if (list !== kind) {
        closeList();
        out.push(`<${kind}>`);
        list = kind;
      }
      out.push(`<li>${inline((bullet ?? numbered)![1]!)}</li>`);
    } else {
      closeList();
      para.push(line);
    }
  }
  flushPara();
  closeList();
  return out.join('');
}

/** The body as plain text (markup signs dropped): what is indexed, snippeted and given as an answer. */
export function plainBody(body: string): string {
  return cleanBody(body)
    .split('\n')
    .map((l) => l.trim().replace(/^#{1,6}\s+/, '').replace(/^[-*•]\s+/, '').replace(/\*\*([^*]+)\*\*/g, '$1'))
    .filter((l) => l !== '')
    .join('\n');
}
