import { formatDate, formatDateTime } from '../../shared/calc/timetable';
import { html, SafeHtml } from './html';

/**
 * Print styles for the report file itself (not the app page, so the app's CSP does not apply).
 * A4, serif body for long reading, tables that break cleanly across pages, no external resources.
 */
const CSS = `
@page { size: A4; margin: 18mm 16mm 20mm; }
* { box-sizing: border-box; }
body { font-family: Georgia, 'Times New Roman', serif; font-size: 11pt; line-height: 1.45; color: #0b0c0c; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1, h2, h3, h4, h5, caption, th, .meta, .cover p, nav { font-family: 'Helvetica Neue', Arial, sans-serif; }
h1 { font-size: 22pt; margin: 0 0 .25rem; color: #123a6d; }
h2 { font-size: 16pt; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid #123a6d; color: #123a6d; break-after: avoid; }
h3 { font-size: 13pt; margin: 1.25rem 0 .4rem; break-after: avoid; }
h4 { font-size: 11.5pt; margin: .9rem 0 .3rem; break-after: avoid; }
h5 { font-size: 10pt; margin: .5rem 0 .1rem; text-transform: uppercase; letter-spacing: .03em; color: #484949; break-after: avoid; }
p { margin: .3rem 0 .5rem; }
.cover { border-bottom: 4px solid #123a6d; padding-bottom: 1rem; margin-bottom: 1rem; }
.cover .subtitle { font-size: 13pt; color: #484949; margin: 0; }
.about { font-size: 9.5pt; color: #484949; background: #f3f2f1; padding: .5rem .75rem; border-left: 4px solid #b1b4b6; }
nav ol { margin: .25rem 0 0 2rem; padding: 0; }
blockquote { margin: .5rem 0 .75rem; padding: .4rem .9rem; border-left: 4px solid #1d4f91; background: #f4f7fb; }
blockquote.question { font-size: 13pt; font-style: italic; }
blockquote.citizen footer { font-size: 9pt; color: #484949; font-family: Arial, sans-serif; }
table { width: 100%; border-collapse: collapse; margin: .5rem 0 1rem; font-size: 9.5pt; break-inside: auto; }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
th, td { border-bottom: 1px solid #b1b4b6; padding: .3rem .4rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #0b0c0c; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
tfoot th, tfoot td { border-top: 2px solid #0b0c0c; font-weight: bold; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td p { margin: .15rem 0 0; font-size: 9pt; }
dl.facts { display: grid; grid-template-columns: 10rem 1fr; gap: .2rem 1rem; }
dl.facts dt { font-weight: bold; font-family: Arial, sans-serif; }
dl.facts dd { margin: 0; }
article { break-inside: avoid-page; margin-bottom: .75rem; }
.meta { font-size: 9pt; color: #484949; margin-top: 0; }
.status, .kind, .tag { font-weight: bold; }
.status--supported { color: #005a30; } .status--refuted { color: #7a0012; }
.gap { color: #7a0012; font-style: italic; }
.note { color: #484949; font-style: italic; }
.tag { font-size: 8.5pt; border: 1px solid #1d4f91; padding: 0 .3rem; border-radius: 3px; }
tr.overdue td { background: #fbeaea; }
.learning { border-left: 3px solid #b1b4b6; padding-left: .75rem; }
.learning--failed, .learning--did-not-work { border-left-color: #b10e1e; }
.learning--difficult { border-left-color: #8a4b00; }
footer.end { margin-top: 2rem; font-size: 9pt; color: #484949; border-top: 1px solid #b1b4b6; padding-top: .5rem; }
section { break-before: auto; }
.marking { font-family: Arial, sans-serif; font-weight: bold; font-size: 10pt; letter-spacing: .08em; text-align: center; padding: .25rem; border: 2px solid #0b0c0c; margin: 0 0 1rem; }
.marking--bottom { margin: 1.5rem 0 0; }
.cover-facts { display: grid; grid-template-columns: 9rem 1fr; gap: .1rem 1rem; font-family: Arial, sans-serif; font-size: 10pt; margin: .75rem 0 0; }
.cover-facts dt { font-weight: bold; }
.cover-facts dd { margin: 0; }
nav ol li { min-height: 24px; }
nav ol a { display: inline-block; min-height: 24px; min-width: 24px; padding: 2px 0; line-height: 20px; }
.commentary { border-left: 4px solid #00703c; background: #f3f9f5; padding: .4rem .9rem; margin: .5rem 0 1rem; }
.commentary h3, .commentary h4, .commentary h5 { margin-top: .5rem; }
.narrative ul, .narrative ol, .commentary ul, .commentary ol { margin: .3rem 0 .6rem 1.25rem; padding: 0; }
figure.chart { margin: .75rem 0 1.25rem; break-inside: avoid; }
figure.chart svg { display: block; width: 100%; max-width: 640px; height: auto; }
figcaption { font-family: Arial, sans-serif; font-size: 9.5pt; font-weight: bold; margin-top: .3rem; }
.visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important; white-space: nowrap !important; border: 0 !important; }
dl.basis { grid-template-columns: 8rem 1fr; font-size: 10pt; background: #f3f2f1; padding: .5rem .75rem; }
table.appendix { font-size: 8.5pt; }
a { color: #1d70b8; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } .marking { display: none; } }
`;

/**
 * The page furniture of the printed report (Chromium prints CSS page-margin boxes): the security
 * marking at the top and bottom of every page, the version and date, and "Page n of N".
 */
function pageCss(marking: string, footer: string): string {
  // A CSS string: every character but plain letters, digits and spaces as a hex escape, so a place
  // name can never close the string or the <style> element.
  const q = (s: string) => `"${s.replace(/[^A-Za-z0-9 ]/gu, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`;
  const box = "font-family: Arial, sans-serif; font-size: 8.5pt; color: #0b0c0c;";
  return `@page {
  @top-center { content: ${q(marking)}; ${box} font-weight: bold; font-size: 10pt; letter-spacing: .08em; }
  @bottom-left { content: ${q(footer)}; ${box} width: 36%; white-space: nowrap; }
  @bottom-center { content: ${q(marking)}; ${box} font-weight: bold; font-size: 10pt; letter-spacing: .08em; width: 28%; white-space: nowrap; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${box} width: 36%; white-space: nowrap; text-align: right; }
}`;
}

export interface DocumentParts {
  place: string;
  question: string | null;
  reportDeadline: string | null;
  generatedAt: string;
  actor: string;
  marking: string;
  version: number;
  /** The team's executive summary and introduction, when written. */
  summary: SafeHtml | null;
  introduction: SafeHtml | null;
  sections: { id: string; title: string; body: SafeHtml }[];
  about: SafeHtml;
}

export function reportDocument(d: DocumentParts): string {
  const date = formatDate(d.generatedAt.slice(0, 10));
  const front = [
    ...(d.summary ? [{ id: 'summary', title: 'Executive summary', body: d.summary }] : []),
    ...(d.introduction ? [{ id: 'introduction', title: 'Introduction', body: d.introduction }] : []),
  ];
  const all = [...front, ...d.sections];
  const doc = html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="author" content="${d.actor}">
<meta name="description" content="Total Place pilot report for ${d.place}, version ${d.version}, ${date}. ${d.marking}.">
<title>${d.place}: Total Place pilot report</title>
<style>${new SafeHtml(CSS)}${new SafeHtml(pageCss(d.marking, `Version ${d.version} · ${date}`))}</style>
</head>
<body>
<p class="marking marking--top">${d.marking}</p>
<header class="cover">
  <h1>${d.place}: Total Place pilot report</h1>
  <p class="subtitle">${d.reportDeadline ? `Report due ${formatDate(d.reportDeadline)}` : 'Pilot report'} · generated ${formatDateTime(d.generatedAt)} by ${d.actor}</p>
  <dl class="cover-facts">
    <dt>Security marking</dt><dd>${d.marking}</dd>
    <dt>Version</dt><dd>Version ${d.version}</dd>
    <dt>Date</dt><dd>${date}</dd>
  </dl>
</header>
<div class="about">${d.about}</div>
${all.length > 1 ? html`<nav aria-label="Contents"><h2>Contents</h2><ol>${all.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}</ol></nav>` : ''}
<main>
${front.map((s) => html`<section id="${s.id}" class="narrative" aria-labelledby="${s.id}-heading"><h2 id="${s.id}-heading">${s.title}</h2>${s.body}</section>`)}
${d.sections.map((s) => html`<section id="${s.id}" aria-labelledby="${s.id}-heading"><h2 id="${s.id}-heading">${s.title}</h2>${s.body}</section>`)}
</main>
<footer class="end">Version ${d.version} of this report, generated from the Total Place Workbench records on ${formatDateTime(d.generatedAt)}. Every figure comes from the workbench's data as it stood then.</footer>
<p class="marking marking--bottom">${d.marking}</p>
</body>
</html>
`;
  return doc.value;
}
