import { type ExportCitation, type ExportEvent } from './export-events.query';

/** `text` with the five HTML-special characters escaped, safe as element content and attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Labels of event kinds for people, by language; other languages get English. */
const KIND_LABELS: Record<string, Record<string, string>> = {
  en: {
    MEETING: 'Meetings',
    VISIT: 'Visits',
    STATEMENT: 'Statements',
    LEGAL_ACTION: 'Legal actions',
    PROPOSAL: 'Proposals',
    ELECTION: 'Elections',
    AGREEMENT: 'Agreements',
    ANNOUNCEMENT: 'Announcements',
    OTHER: 'Other',
  },
  zh: {
    MEETING: '会谈',
    VISIT: '访问',
    STATEMENT: '表态',
    LEGAL_ACTION: '法律行动',
    PROPOSAL: '提议',
    ELECTION: '选举',
    AGREEMENT: '协议',
    ANNOUNCEMENT: '宣布',
    OTHER: '其他',
  },
};

/** The label of an event kind in `lang` (Chinese for zh…, else English); the kind itself if unknown. */
export function kindLabel(kind: string, lang: string | null): string {
  const labels = lang?.toLowerCase().startsWith('zh') ? KIND_LABELS.zh! : KIND_LABELS.en!;
  return labels[kind] ?? kind;
}

/** The local time of an event for people: "2023-03-20", "1949-12-16 – 1950-02-17", "~2023-02". */
export function displayDate({ time }: Pick<ExportEvent, 'time'>): string {
  const span = time.localEnd ? `${time.local} – ${time.localEnd}` : time.local;
  return time.approximate ? `~${span}` : span;
}

/** Who says it and through whom: "Antony Blinken, according to Reuters, in <source title>". */
export function citationByline(citation: ExportCitation): string {
  const parts = [
    citation.speaker?.name,
    citation.attributedTo ? `according to ${citation.attributedTo.name}` : undefined,
    `in ${citation.source.title}`,
  ];
  return parts.filter((part) => part !== undefined).join(', ');
}

/** The event's summary and citations as HTML (every text escaped): quotes, speakers, sources, notes. */
export function eventHtml(event: ExportEvent): string {
  const blocks: string[] = [];
  if (event.summary) blocks.push(`<p>${escapeHtml(event.summary)}</p>`);
  if (event.participants.length) {
    const names = event.participants.map(({ actor, role }) => `${escapeHtml(actor.name)} (${role.toLowerCase()})`);
    blocks.push(`<p class="annals-participants">${names.join(', ')}</p>`);
  }
  for (const citation of event.citations) {
    if (citation.quote) blocks.push(`<blockquote>${escapeHtml(citation.quote)}</blockquote>`);
    const source = citation.source.url
      ? `<a href="${escapeHtml(citation.source.url)}">${escapeHtml(citation.source.title)}</a>`
      : escapeHtml(citation.source.title);
    const who = [citation.speaker?.name, citation.attributedTo && `according to ${citation.attributedTo.name}`];
    const byline = [...who.filter((part) => part).map((part) => escapeHtml(part!)), `in ${source}`].join(', ');
    blocks.push(`<p class="annals-citation">— ${byline}</p>`);
    if (citation.note) blocks.push(`<p class="annals-note">${escapeHtml(citation.note)}</p>`);
  }
  return blocks.join('');
}

/** The same as plain text, one block a paragraph, for formats without markup (iCalendar). */
export function eventText(event: ExportEvent): string {
  const blocks: string[] = [];
  if (event.summary) blocks.push(event.summary);
  if (event.participants.length) {
    blocks.push(event.participants.map(({ actor, role }) => `${actor.name} (${role.toLowerCase()})`).join(', '));
  }
  for (const citation of event.citations) {
    const quote = citation.quote ? `“${citation.quote}” ` : '';
    blocks.push(`${quote}— ${citationByline(citation)}${citation.source.url ? ` <${citation.source.url}>` : ''}`);
    if (citation.note) blocks.push(citation.note);
  }
  return blocks.join('\n\n');
}
