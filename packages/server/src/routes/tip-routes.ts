import { ValidationError } from '@netra/core';
import { TIP_MAX_UPLOAD_BYTES } from '@netra/pipeline';
import { z } from 'zod';
import { defineRoute, type RouteContext, requireUser } from '../http/route.ts';
import { staticAssetRoute } from '../http/static-asset-route.ts';
import { submitTipAs } from '../review/tip-service.ts';
import { layout } from '../ui/layout.ts';
import { TIP_SCRIPT, tipForm } from '../ui/tip-form.ts';

/** Base64 of the largest capture, two of them, and the text fields. */
const TIP_BODY_LIMIT = Math.ceil((TIP_MAX_UPLOAD_BYTES * 2 * 4) / 3) + 256 * 1024;

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const base64 = z.preprocess(
  blank,
  z
    .string()
    .regex(/^[A-Za-z0-9+/=\s]*$/, 'bukan base64 / not base64')
    .optional(),
);

const tipBody = z.object({
  url: z.string().max(2_000),
  text: z.preprocess(blank, z.string().max(20_000).optional()),
  screenshot: base64,
  savedPage: base64,
  person: z.preprocess(blank, z.string().max(64).optional()),
  postedAt: z.preprocess(blank, z.string().max(40).optional()),
  postedAtZone: z.preprocess(
    blank,
    z.enum(['WIB', 'WITA', 'WIT'], { message: 'zona waktu: WIB, WITA atau WIT / time zone' }).optional(),
  ),
  note: z.preprocess(blank, z.string().max(5_000).optional()),
});
type TipBody = z.infer<typeof tipBody>;

const bytesOf = (value: string | undefined) => (value ? Buffer.from(value.replace(/\s+/g, ''), 'base64') : undefined);

function submit(ctx: RouteContext<unknown, unknown, TipBody>) {
  const b = ctx.body;
  return submitTipAs(
    ctx.deps,
    requireUser(ctx),
    {
      url: b.url,
      text: b.text,
      screenshot: bytesOf(b.screenshot),
      savedPage: bytesOf(b.savedPage),
      personId: b.person,
      postedAt: b.postedAt,
      postedAtZone: b.postedAtZone,
      note: b.note,
    },
    ctx.request.ip,
  );
}

function page(ctx: RouteContext<unknown, unknown, unknown>, values: Partial<TipBody>, error?: ValidationError) {
  const html = layout({
    title: ctx.t.tipTitle,
    t: ctx.t,
    lang: ctx.lang,
    user: requireUser(ctx),
    body: tipForm(ctx.t, requireUser(ctx), values, error?.issues ?? []),
  });
  return html.replace('</body>', '<script src="/assets/tip-capture.js" defer></script>\n</body>');
}

/** Tips and manual captures (issue 8): an analyst's evidence for posts behind login walls. */
export const tipRoutes = [
  staticAssetRoute({
    url: '/assets/tip-capture.js',
    tag: 'tips',
    summary: 'Script of the tip form: reads the chosen capture files into the form',
    mediaType: 'text/javascript; charset=utf-8',
    body: TIP_SCRIPT,
  }),
  defineRoute({
    method: 'GET',
    url: '/tips/new',
    role: 'analyst',
    kind: 'page',
    tag: 'tips',
    summary: 'Form: submit a tip (post URL + screenshot / saved page / pasted text)',
    query: z.object({ url: z.string().max(2_000).optional(), lang: z.string().optional() }),
    handler: async (ctx) => page(ctx, { url: ctx.query.url ?? '' }),
  }),
  defineRoute({
    method: 'POST',
    url: '/tips',
    bodyLimit: TIP_BODY_LIMIT,
    role: 'analyst',
    kind: 'page',
    tag: 'tips',
    summary: 'Form submission: store the capture as evidence and open a review item',
    body: z.record(z.string(), z.unknown()),
    handler: async (ctx) => {
      const parsed = tipBody.safeParse(ctx.body);
      const values = (ctx.body ?? {}) as Partial<TipBody>;
      if (!parsed.success) {
        ctx.reply.status(400);
        const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
        return page(
          ctx,
          { ...values, screenshot: undefined, savedPage: undefined },
          new ValidationError('TIP_INVALID', issues),
        );
      }
      try {
        const result = await submit({ ...ctx, body: parsed.data });
        // A later tip's new text and what it gave that was not applied are said on the page it opens.
        const said = [
          ...(result.textVersion !== null ? [`tipVersion=${result.textVersion}`] : []),
          ...(result.ignored.length > 0 ? [`tipIgnored=${result.ignored.map((i) => i.field).join(',')}`] : []),
        ];
        return ctx.reply.redirect(`/review/${result.reviewItemId}?${['saved=1', ...said].join('&')}`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        ctx.reply.status(400);
        return page(ctx, { ...parsed.data, screenshot: undefined, savedPage: undefined }, error);
      }
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/tips',
    bodyLimit: TIP_BODY_LIMIT,
    role: 'analyst',
    kind: 'api',
    tag: 'tips',
    summary: 'Submit a tip: post URL, captures as base64, optional person (NIP or id); opens a review item',
    body: tipBody,
    response: z.object({
      tipId: z.string(),
      postId: z.string(),
      reviewItemId: z.string(),
      created: z.boolean(),
      platform: z.string(),
      accountId: z.string().nullable(),
      personId: z.string().nullable(),
      score: z.number(),
      flagged: z.boolean(),
      /** A later tip whose text differs: the post version it was stored as (null otherwise). */
      textVersion: z.number().nullable(),
      /** That text's classification and the review item: moved to it, or kept (decided / newer). */
      rescore: z.enum(['moved', 'kept_decided', 'kept_newer']).optional(),
      /** What this tip gave that was not applied (a later tip keeps the first tip's person, note, posting time). */
      ignored: z.array(z.object({ field: z.string(), message: z.string() })),
      /** The screenshot's OCR: queued on the ocr queue, or why not. */
      ocr: z.enum(['queued', 'no_screenshot', 'no_queue']),
    }),
    handler: async (ctx) => {
      const result = await submit(ctx);
      ctx.reply.status(result.created ? 201 : 200);
      return result;
    },
  }),
];
