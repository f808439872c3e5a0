import type { Locator, Page } from 'playwright-core';

/**
 * The words of table headers that the browser has broken across two lines ("Importe|d"), each as
 * "header text: word". A header may wrap between words, or after a hyphen or slash; it must never
 * wrap inside a word.
 */
export async function wordsBrokenInHeaders(scope: Page | Locator): Promise<string[]> {
  return scope.locator('table thead th').evaluateAll((ths) =>
    ths.flatMap((th) => {
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      const bad: string[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        // A break after a hyphen or slash ("warm-|home") is where words may break.
        for (const m of text.matchAll(/[^\s\-\u2010-\u2014/]+/g)) {
          const r = document.createRange();
          r.setStart(n, m.index);
          r.setEnd(n, m.index + m[0].length);
          const lines = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
          if (lines.size > 1) bad.push(`${(th.textContent ?? '').trim()}: ${m[0]}`);
        }
      }
      return bad;
    }),
  );
}
