import type { Messages } from '../../i18n/messages.ts';
import { html, type SafeHtml } from '../html.ts';

/** The `?` overlay; hidden until the script opens it, and listed as plain text for anyone without script. */
export function keyboardHelp(t: Messages): SafeHtml {
  const keys: [string, string][] = [
    ['j', t.keyJ],
    ['k', t.keyK],
    ['c', t.keyC],
    ['d', t.keyD],
    ['e', t.keyE],
    ['n', t.keyN],
    ['/', t.keySlash],
    ['?', t.keyHelp],
    ['Ctrl+Enter', t.keySave],
  ];
  return html`<div id="kbd-help" class="kbd-help" role="dialog" aria-modal="true" aria-labelledby="kbd-help-title" hidden>
  <div class="card">
    <h2 id="kbd-help-title">${t.keyboardTitle}</h2>
    <dl>${keys.map(([k, label]) => html`<dt><kbd>${k}</kbd></dt><dd>${label}</dd>`)}</dl>
    <button type="button" data-close-help>${t.keyClose}</button>
  </div>
</div>
<p class="kbd-hint"><button type="button" class="link-button" data-open-help>${t.keyboardOpen}</button></p>`;
}
