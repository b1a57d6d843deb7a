import { type CollectedPost, collectedPostSchema, type Interaction } from '@netra/core';
import type { CrawlAccountRef } from '../crawl-account.ts';
import type { CollectedInteraction } from './api-types.ts';

export interface InteractionItems {
  /** The crawl's posts, a repost or reply toward a candidate marked with its interaction. */
  posts: CollectedPost[];
  /** One post of kind `interaction` per like/follow toward a candidate (they have no text of their own). */
  added: CollectedPost[];
  /** Interactions aimed at no candidate: not a violation, only counted. */
  ignored: number;
  /** Interactions that could not become a valid item (named, never dropped silently). */
  invalid: { externalId: string; message: string }[];
}

function interactionOf(i: CollectedInteraction): Interaction {
  return {
    kind: i.interaction,
    at: i.at,
    target: {
      type: i.target.type,
      externalId: i.target.externalId,
      url: i.target.url,
      authorHandle: i.target.authorHandle,
      text: i.target.text,
      candidate: i.target.candidate,
    },
  };
}

/**
 * Turns the interactions of a crawl that are aimed at a candidate's official account into review items:
 * a repost or reply is already a post of the crawl (same external id) and is marked with its interaction; a
 * like or follow becomes a post of kind `interaction` with an empty text, the target's text as context and
 * a deterministic external id (`like:<uri>`, `follow:<actor>:<target>`), so a second crawl queues nothing new.
 */
export function interactionItems(
  account: CrawlAccountRef,
  posts: readonly CollectedPost[],
  interactions: readonly CollectedInteraction[],
): InteractionItems {
  const byId = new Map(posts.map((p) => [p.externalId, p]));
  const marked = new Map<string, CollectedPost>();
  const added: CollectedPost[] = [];
  const invalid: InteractionItems['invalid'] = [];
  let ignored = 0;
  for (const i of interactions) {
    if (!i.target.candidate) {
      ignored++;
      continue;
    }
    const interaction = interactionOf(i);
    const context = {
      ...(i.target.text ? { parentText: i.target.text } : {}),
      ...(i.target.authorHandle ? { parentAuthor: i.target.authorHandle } : {}),
      parentCandidate: i.target.candidate,
    };
    const own = byId.get(i.externalId);
    if (own) {
      marked.set(own.externalId, { ...own, interaction, context: { ...own.context, ...context } });
      continue;
    }
    const externalId = i.externalId.startsWith(`${i.interaction}:`) ? i.externalId : `${i.interaction}:${i.externalId}`;
    const parsed = collectedPostSchema.safeParse({
      platform: i.platform,
      externalId,
      url: i.target.url ?? account.profileUrl,
      kind: 'interaction',
      accountId: i.accountId,
      authorHandle: i.actorHandle,
      text: '',
      postedAt: i.at,
      fetchedAt: i.fetchedAt,
      context,
      mediaDescriptions: [],
      evidence: i.evidence,
      raw: { ...i.raw, interaction: i.interaction, interactionId: i.externalId },
      interaction,
    });
    if (parsed.success) added.push(parsed.data);
    else
      invalid.push({
        externalId,
        message: parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; '),
      });
  }
  return { posts: posts.map((p) => marked.get(p.externalId) ?? p), added, ignored, invalid };
}
