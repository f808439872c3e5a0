/**
 * The start-up screen as a page of its own (app://workbench/startup): plain HTML built from the
 * screen model, one small script that sends the chosen action to the shell, no React and no
 * services — it must show even when nothing else can. Every text is escaped: file names and system
 * messages are not ours.
 */
import type { StartupAction, StartupScreen } from './startup';

export const ACTION_LABELS: Record<StartupAction, string> = {
  retry: 'Try again',
  'open-anyway': 'Open anyway',
  'open-read-only': 'Open read-only',
  'open-different': 'Open a different pilot file…',
  'new-file': 'Start a new pilot file…',
  'show-folder': 'Show the file in its folder',
  quit: 'Quit',
};

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderStartupPage(screen: StartupScreen): string {
  const buttons = screen.actions
    .map((a, i) => `<button type="button" class="${i === 0 ? 'primary' : 'secondary'}" data-action="${a}">${esc(ACTION_LABELS[a])}</button>`)
    .join('\n        ');
  const recent = screen.recent.length
    ? `<section aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent pilot files</h2>
      <ul class="recent">
        ${screen.recent
          .map((r, i) =>
            r.exists
              ? `<li><button type="button" class="link" data-action="open-recent" data-index="${i}">${esc(r.label)}</button></li>`
              : `<li><span class="missing">${esc(r.label)} — no longer there</span></li>`,
          )
          .join('\n        ')}
      </ul>
    </section>`
    : '';
  const details = [screen.file ? `<dt>Pilot file</dt><dd>${esc(screen.file)}</dd>` : '', screen.reference ? `<dt>Reference</dt><dd>${esc(screen.reference)}</dd>` : '', screen.detail ? `<dt>Details</dt><dd>${esc(screen.detail)}</dd>` : '']
    .filter(Boolean)
    .join('');
  return `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${esc(screen.title)} — Total Place Workbench</title>
    <link rel="stylesheet" href="/startup.css" />
    <script src="/startup.js" defer></script>
  </head>
  <body>
    <main>
      <h1 tabindex="-1">${esc(screen.title)}</h1>
      <p class="explanation">${esc(screen.explanation)}</p>
      <h2>What to do</h2>
      <ol class="steps">
        ${screen.steps.map((s) => `<li>${esc(s)}</li>`).join('\n        ')}
      </ol>
      <div class="actions">
        ${buttons}
      </div>
      <p class="status" role="status" aria-live="polite"></p>
      ${recent}
      ${details ? `<details><summary>Details for your IT department</summary><dl>${details}</dl></details>` : ''}
    </main>
  </body>
</html>
`;
}

/** Sends the chosen action to the shell (the preload's `shell`); the shell replaces the page or says why not. */
export const STARTUP_SCRIPT = `'use strict';
(function () {
  var status = document.querySelector('.status');
  var heading = document.querySelector('h1');
  if (heading) heading.focus();
  document.addEventListener('click', function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest('button[data-action]') : null;
    if (!button || !window.workbench || !window.workbench.shell) return;
    var index = button.getAttribute('data-index');
    button.disabled = true;
    status.textContent = 'Working…';
    window.workbench
      .shell(button.getAttribute('data-action'), index === null ? undefined : Number(index))
      .then(function (r) { status.textContent = r && r.message ? r.message : ''; })
      .catch(function () { status.textContent = 'That did not work. Try again.'; })
      .finally(function () { button.disabled = false; });
  });
})();
`;

/** GOV.UK-like: plain, high contrast, large targets (WCAG 2.2 AA: 24px targets, visible focus). */
export const STARTUP_STYLES = `
:root { color-scheme: light; font-family: "Segoe UI", system-ui, -apple-system, sans-serif; color: #0b0c0c; background: #f3f2f1; }
body { margin: 0; }
main { max-width: 46rem; margin: 3rem auto; padding: 2rem 2.5rem; background: #fff; border-top: 6px solid #d4351c; }
h1 { font-size: 1.75rem; margin: 0 0 1rem; }
h1:focus { outline: none; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
p, li, dd { font-size: 1.05rem; line-height: 1.5; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin-top: 1.5rem; }
button { font: inherit; font-size: 1rem; min-height: 2.5rem; padding: 0.4rem 1rem; border-radius: 0; cursor: pointer; }
button.primary { background: #00703c; color: #fff; border: 2px solid #00703c; box-shadow: 0 2px 0 #002d18; }
button.secondary { background: #f3f2f1; color: #0b0c0c; border: 2px solid #b1b4b6; }
button.link { background: none; border: none; padding: 0.2rem 0; color: #1d70b8; text-decoration: underline; text-align: left; }
button:focus-visible { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: 0 0 0 6px #0b0c0c; }
button:disabled { opacity: 0.6; cursor: wait; }
.recent { list-style: none; padding: 0; }
.missing { color: #505a5f; }
.status { min-height: 1.5rem; color: #505a5f; }
details { margin-top: 2rem; color: #505a5f; }
dt { font-weight: 600; margin-top: 0.5rem; }
dd { margin: 0; word-break: break-all; }
`;
