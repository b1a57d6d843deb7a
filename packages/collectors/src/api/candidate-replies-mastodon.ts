import { isArray, isRecord, isString, jsonBody, need } from './api-context.ts';
import { ShapeError } from './api-types.ts';
import {
  type CandidateRepliesInput,
  type CandidateRepliesResult,
  ReplySink,
  reverseContext,
} from './candidate-replies.ts';
import { MASTODON_COLLECTOR, mastodonStatusText, splitAcct } from './mastodon.ts';

type Json = Record<string, unknown>;

/**
 * The id the author's own instance gives a status, which is what the forward crawl (reading the author's
 * instance) stores. A status local to the candidate's instance has it as `id`; a remote one carries it as
 * the last segment of its ActivityPub `uri` (`https://<home>/users/<name>/statuses/<id>` on Mastodon).
 * Other server software names statuses differently: then the local id stands, and the two paths may store
 * the reply twice (documented limit).
 */
export function homeStatusId(status: Json, local: boolean): string {
  const id = String(status.id);
  if (local || !isString(status.uri)) return id;
  const m = /\/statuses\/([A-Za-z0-9]+)\/?$/.exec(status.uri);
  return m ? m[1]! : id;
}

/**
 * Reverse crawl on Mastodon: the candidate's newest own statuses (`exclude_replies`, `exclude_reblogs`) on
 * its instance, then `GET /api/v1/statuses/:id/context`. Every descendant whose `in_reply_to_id` is a status
 * by the candidate is reported with its author as `user@instance`.
 */
export async function candidateRepliesMastodon(input: CandidateRepliesInput): Promise<CandidateRepliesResult> {
  const ctx = reverseContext(input, MASTODON_COLLECTOR);
  const sink = new ReplySink(ctx);
  const acct = splitAcct(input.account.handle);
  if (!acct)
    return sink.result('not_found', ctx.notFound('akun Mastodon harus pengguna@instans / must be user@instance'));
  const base = ctx.origin(`https://${acct.instance}`);
  const fullAcct = (account: unknown): string | null => {
    if (!isRecord(account) || !isString(account.acct)) return null;
    return account.acct.includes('@') ? account.acct : `${account.acct}@${acct.instance}`;
  };
  try {
    const lookup = await ctx.get(`${base}/api/v1/accounts/lookup?acct=${encodeURIComponent(acct.user)}`);
    if (lookup.status === 404 || lookup.status === 410) {
      return sink.result('not_found', ctx.notFound('akun calon tidak ditemukan / candidate account not found'));
    }
    if (lookup.status !== 200) throw new ShapeError('(status)', `accounts/lookup: HTTP ${lookup.status}`);
    const account = need(jsonBody(lookup, 'accounts/lookup'), '(body)', isRecord, 'object');
    const accountId = need(account.id, 'id', isString, 'string');
    const listed = await ctx.get(
      `${base}/api/v1/accounts/${encodeURIComponent(accountId)}/statuses?limit=${Math.min(40, ctx.maxPosts)}&exclude_replies=true&exclude_reblogs=true`,
    );
    if (listed.status !== 200) throw new ShapeError('(status)', `statuses: HTTP ${listed.status}`);
    const statuses = need(jsonBody(listed, 'statuses'), '(body)', isArray, 'array').filter(isRecord);
    for (const status of statuses.slice(0, ctx.maxPosts)) {
      if (!isString(status.id) || status.reblog) continue;
      if (input.since && isString(status.created_at) && Date.parse(status.created_at) < input.since.getTime()) break;
      const exchange = await ctx.get(`${base}/api/v1/statuses/${encodeURIComponent(status.id)}/context`);
      if (exchange.status === 404 || exchange.status === 410) {
        sink.notices.push({
          code: 'THREAD_NOT_FOUND',
          message: `${status.id}: status tidak ditemukan / not found`,
          postId: status.id,
        });
        continue;
      }
      if (exchange.status !== 200) throw new ShapeError('(status)', `statuses/:id/context: HTTP ${exchange.status}`);
      const context = need(jsonBody(exchange, 'statuses/:id/context'), '(body)', isRecord, 'object');
      const descendants = need(context.descendants, 'descendants', isArray, 'array').filter(isRecord);
      sink.postsRead++;
      // The candidate's statuses in this thread (the root and its own replies in it), by local id.
      const byCandidate = new Map<string, Json>([[status.id, status]]);
      for (const d of descendants)
        if (isRecord(d.account) && d.account.id === accountId && isString(d.id)) byCandidate.set(d.id, d);
      for (const reply of descendants) {
        const parent = isString(reply.in_reply_to_id) ? byCandidate.get(reply.in_reply_to_id) : undefined;
        if (!parent || !isString(reply.id) || !isRecord(reply.account) || reply.account.id === accountId) continue;
        const author = fullAcct(reply.account);
        if (!author) continue;
        const local = !String(reply.account.acct).includes('@');
        const media = isArray(reply.media_attachments) ? reply.media_attachments : [];
        await sink.add(
          {
            platform: 'mastodon',
            externalId: homeStatusId(reply, local),
            url: isString(reply.url) ? reply.url : isString(reply.uri) ? reply.uri : `${base}/statuses/${reply.id}`,
            authorHandle: author,
            authorKeys: [author.toLowerCase()],
            text: mastodonStatusText(reply),
            postedAt: isString(reply.created_at) ? reply.created_at : null,
            mediaDescriptions: media
              .filter(isRecord)
              .map((m) => (isString(m.description) ? m.description : ''))
              .filter((d) => d.trim()),
            imageUrls: media.filter(isRecord).flatMap((m) => (m.type === 'image' && isString(m.url) ? [m.url] : [])),
            target: {
              type: 'post',
              externalId: String(parent.id),
              url: isString(parent.url) ? parent.url : null,
              authorHandle: `${acct.user}@${acct.instance}`,
              text: mastodonStatusText(parent),
              candidate: input.account.candidate,
            },
            raw: {
              source: 'statuses/:id/context',
              id: reply.id,
              uri: reply.uri ?? null,
              inReplyToId: reply.in_reply_to_id,
              visibility: reply.visibility ?? null,
            },
          },
          exchange,
        );
      }
    }
  } catch (error) {
    return sink.result('blocked', ctx.failed(error));
  }
  return sink.result('ok');
}
