/**
 * The page a browser gets instead of the app when it is not signed in: it says exactly how to get
 * back in (the usual reason: `tpw serve` was restarted, and sessions end with it).
 */
const REASONS = {
  none: 'This browser is not signed in to this workbench. Sessions end when <code>tpw serve</code> stops, so an address saved from an earlier run no longer works.',
  used: 'That sign-in link has already been used. Each link printed by <code>tpw serve</code> signs in one browser, once, so that a copy left in a browser\'s history is of no use to anyone.',
  wrong: 'That sign-in link is not the one this workbench printed: it may be from an earlier run of <code>tpw serve</code>.',
} as const;

export function signedOutPage(reason: keyof typeof REASONS): string {
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in to Total Place Workbench</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#0b0c0c}code{background:#f3f2f1;padding:0 .2em}li{margin:.4rem 0}</style>
</head><body><main>
<h1>Sign in to Total Place Workbench</h1>
<p>${REASONS[reason]}</p>
<h2>To get back in</h2>
<ol>
<li>Find the window where <code>tpw serve</code> runs. If it has stopped, start it again: <code>tpw serve</code> (or <code>npm run serve</code> in the workbench folder).</li>
<li>Open the address it prints, in this browser. It ends with <code>?token=…</code>, a one-time sign-in link.</li>
</ol>
<p>Nothing was changed. Your work is saved in the pilot file, not in the browser.</p>
</main></body></html>
`;
}
