/**
 * Telegram preview page benchmark (not a test): reading an ordinary page on the event loop (`parseTelegramPage`,
 * before issue 14) against reading it in a bounded worker thread (`parseTelegramPageBounded`, now), alternated
 * round by round in one process. Prints the median time of each, their ratio, and the median time the event loop
 * was busy (event-loop utilisation) during each.
 *
 *   node packages/collectors/bench/telegram-page-bench.ts   (BENCH_MESSAGES=100 BENCH_ROUNDS=20)
 */
import { performance } from 'node:perf_hooks';
import { parseTelegramPage } from '../src/api/telegram-page.ts';
import { parseTelegramPageBounded } from '../src/api/telegram-page-bounded.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

// An ordinary message: formatted text of a few hundred characters, a photo, a reply every third, views, a date.
const message = (id: number) =>
  `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="kanal/${id}"><div class="tgme_widget_message_bubble">${
    id % 3 === 0
      ? `<a class="tgme_widget_message_reply" href="https://t.me/kanal/${id - 1}"><div class="tgme_widget_message_author"><span class="tgme_widget_message_author_name">Kanal</span></div><div class="tgme_widget_message_text js-message_reply_text">Pesan sebelumnya</div></a>`
      : ''
  }<a class="tgme_widget_message_photo_wrap" href="https://t.me/kanal/${id}" style="width:800px;background-image:url('https://cdn.example/${id}.jpg')"></a><div class="tgme_widget_message_text js-message_text" dir="auto">${`<b>Kabar ${id}</b> hari ini di kecamatan, <a href="https://example.id/${id}">tautan</a> dan <i>catatan</i>.<br/>`.repeat(4)}</div><div class="tgme_widget_message_footer"><span class="tgme_widget_message_views">1.2K</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/kanal/${id}"><time datetime="2026-11-01T01:00:00+00:00">08:00</time></a></span></div></div></div></div>`;
const html = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div class="tgme_channel_info"></div><section class="tgme_channel_history">${Array.from(
  { length: MESSAGES },
  (_, i) => message(i + 1),
).join('')}</section></body></html>`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const times = { inline: [] as number[], worker: [] as number[] };
const busy = { inline: [] as number[], worker: [] as number[] };
const run = async (kind: 'inline' | 'worker') => {
  const loop = performance.eventLoopUtilization();
  const started = performance.now();
  const page = kind === 'inline' ? parseTelegramPage(html) : await parseTelegramPageBounded(html, 'bench');
  times[kind].push(performance.now() - started);
  // The inline parse runs inside this turn of the loop: counted whole.
  busy[kind].push(kind === 'inline' ? times.inline.at(-1)! : performance.eventLoopUtilization(loop).active);
  if (page.messages.length !== MESSAGES) throw new Error(`${kind}: ${page.messages.length} messages`);
};
for (let round = 0; round < ROUNDS + 2; round++) {
  for (const kind of round % 2 ? (['inline', 'worker'] as const) : (['worker', 'inline'] as const)) await run(kind);
  if (round === 1) {
    // Two warm-up rounds (the worker thread starts in the first).
    times.inline.length = 0;
    times.worker.length = 0;
    busy.inline.length = 0;
    busy.worker.length = 0;
  }
}
const [a, b] = [median(times.inline), median(times.worker)];
console.log(
  `${MESSAGES} messages, ${(html.length / 1024).toFixed(0)} KiB, ${ROUNDS} rounds alternated: ` +
    `event loop ${a.toFixed(1)} ms, worker ${b.toFixed(1)} ms, ratio worker/inline ${(b / a).toFixed(2)}; ` +
    `event loop busy: inline ${median(busy.inline).toFixed(1)} ms, worker ${median(busy.worker).toFixed(1)} ms`,
);
