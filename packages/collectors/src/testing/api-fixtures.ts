/**
 * Test support: builders for items in the platforms' documented shapes, so tests read as data. Shapes follow
 * the atproto lexicons (app.bsky.feed.defs#postView / #feedViewPost, app.bsky.embed.*#view,
 * app.bsky.richtext.facet) and docs.joinmastodon.org (Status, Account, StatusEdit).
 */
type Json = Record<string, unknown>;

export function bskyPostView(p: {
  did: string;
  handle: string;
  rkey: string;
  text: string;
  createdAt: string;
  facets?: Json[];
  embed?: Json;
  recordEmbed?: Json;
  reply?: { parent: string; root?: string };
}): Json {
  const uri = `at://${p.did}/app.bsky.feed.post/${p.rkey}`;
  return {
    uri,
    cid: `bafyrei${p.rkey}`,
    author: { did: p.did, handle: p.handle, displayName: p.handle.split('.')[0] },
    record: {
      $type: 'app.bsky.feed.post',
      text: p.text,
      createdAt: p.createdAt,
      langs: ['id'],
      ...(p.facets ? { facets: p.facets } : {}),
      ...(p.recordEmbed ? { embed: p.recordEmbed } : {}),
      ...(p.reply
        ? {
            reply: {
              root: { uri: p.reply.root ?? p.reply.parent, cid: 'bafyroot' },
              parent: { uri: p.reply.parent, cid: 'bafyparent' },
            },
          }
        : {}),
    },
    ...(p.embed ? { embed: p.embed } : {}),
    replyCount: 0,
    repostCount: 0,
    likeCount: 1,
    indexedAt: p.createdAt,
    labels: [],
  };
}

export function bskyImagesView(alts: string[]): Json {
  return {
    $type: 'app.bsky.embed.images#view',
    images: alts.map((alt, i) => ({
      thumb: `https://cdn.bsky.app/img/feed_thumbnail/plain/x/${i}@jpeg`,
      fullsize: `https://cdn.bsky.app/img/feed_fullsize/plain/x/${i}@jpeg`,
      alt,
      aspectRatio: { width: 1000, height: 750 },
    })),
  };
}

export function bskyExternalView(uri: string, title: string, description: string): Json {
  return { $type: 'app.bsky.embed.external#view', external: { uri, title, description } };
}

export function bskyQuoteView(quoted: Json): Json {
  return {
    $type: 'app.bsky.embed.record#view',
    record: {
      $type: 'app.bsky.embed.record#viewRecord',
      uri: quoted.uri,
      cid: quoted.cid,
      author: quoted.author,
      value: quoted.record,
      indexedAt: quoted.indexedAt,
    },
  };
}

/** UTF-8 byte range of `part` inside `text` (facets index bytes, so emoji and accents shift them). */
export function byteRange(text: string, part: string): { byteStart: number; byteEnd: number } {
  const at = text.indexOf(part);
  if (at < 0) throw new Error(`${part} not in text`);
  const byteStart = Buffer.byteLength(text.slice(0, at), 'utf8');
  return { byteStart, byteEnd: byteStart + Buffer.byteLength(part, 'utf8') };
}

export function bskyFeedItem(
  post: Json,
  extra: { repostBy?: { did: string; handle: string; at: string }; parent?: Json } = {},
): Json {
  return {
    post,
    ...(extra.parent ? { reply: { root: extra.parent, parent: extra.parent } } : {}),
    ...(extra.repostBy
      ? {
          reason: {
            $type: 'app.bsky.feed.defs#reasonRepost',
            by: { did: extra.repostBy.did, handle: extra.repostBy.handle },
            indexedAt: extra.repostBy.at,
          },
        }
      : {}),
  };
}

export function bskyLikeRecord(did: string, rkey: string, subjectUri: string, createdAt: string): Json {
  return {
    uri: `at://${did}/app.bsky.feed.like/${rkey}`,
    cid: `bafylike${rkey}`,
    value: { $type: 'app.bsky.feed.like', subject: { uri: subjectUri, cid: 'bafysubject' }, createdAt },
  };
}

export function bskyProfileView(did: string, handle: string): Json {
  return { did, handle, displayName: handle.split('.')[0], description: '', indexedAt: '2024-01-01T00:00:00.000Z' };
}

export function mastodonAccount(id: string, username: string, instance: string, local = true): Json {
  return {
    id,
    username,
    acct: local ? username : `${username}@${instance}`,
    display_name: username,
    url: `https://${instance}/@${username}`,
    note: '<p>Akun resmi</p>',
  };
}

export function mastodonStatus(s: {
  id: string;
  account: Json;
  instance: string;
  content: string;
  createdAt: string;
  inReplyToId?: string;
  inReplyToAccountId?: string;
  reblog?: Json;
  media?: { description: string | null }[];
  editedAt?: string;
  spoiler?: string;
}): Json {
  return {
    id: s.id,
    created_at: s.createdAt,
    in_reply_to_id: s.inReplyToId ?? null,
    in_reply_to_account_id: s.inReplyToAccountId ?? null,
    sensitive: false,
    spoiler_text: s.spoiler ?? '',
    visibility: 'public',
    language: 'id',
    uri: `https://${s.instance}/users/${String(s.account.username)}/statuses/${s.id}`,
    url: s.reblog ? null : `https://${s.instance}/@${String(s.account.username)}/${s.id}`,
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
    edited_at: s.editedAt ?? null,
    content: s.reblog ? '' : s.content,
    reblog: s.reblog ?? null,
    account: s.account,
    media_attachments: (s.media ?? []).map((m, i) => ({
      id: `${s.id}${i}`,
      type: 'image',
      url: `https://files.example/${s.id}/${i}.jpg`,
      preview_url: `https://files.example/${s.id}/${i}.small.jpg`,
      description: m.description,
    })),
    mentions: [],
    tags: [],
    emojis: [],
    card: null,
    poll: null,
  };
}

/** A reply node of `getPostThread` (`app.bsky.feed.defs#threadViewPost`) with its own replies. */
export function bskyThreadNode(post: Json, replies: Json[] = []): Json {
  return { $type: 'app.bsky.feed.defs#threadViewPost', post, replies };
}

export function bskyNotFoundNode(uri: string): Json {
  return { $type: 'app.bsky.feed.defs#notFoundPost', uri, notFound: true };
}

export function bskyBlockedNode(uri: string, authorDid: string): Json {
  return { $type: 'app.bsky.feed.defs#blockedPost', uri, blocked: true, author: { did: authorDid } };
}

/** A YouTube `comment` resource (Data API v3). */
export function youtubeComment(c: {
  id: string;
  videoId: string;
  channelId: string;
  authorChannelId: string;
  authorDisplayName: string;
  text: string;
  publishedAt: string;
  parentId?: string;
}): Json {
  return {
    kind: 'youtube#comment',
    etag: `etag-${c.id}`,
    id: c.id,
    snippet: {
      channelId: c.channelId,
      videoId: c.videoId,
      textDisplay: c.text,
      textOriginal: c.text,
      ...(c.parentId ? { parentId: c.parentId } : {}),
      authorDisplayName: c.authorDisplayName,
      authorProfileImageUrl: 'https://yt3.ggpht.example/a.jpg',
      authorChannelUrl: `http://www.youtube.com/${c.authorDisplayName}`,
      authorChannelId: { value: c.authorChannelId },
      canRate: true,
      viewerRating: 'none',
      likeCount: 0,
      publishedAt: c.publishedAt,
      updatedAt: c.publishedAt,
    },
  };
}

/** A `commentThread` resource: the top-level comment and (some of) its replies. */
export function youtubeCommentThread(top: Json, replies: Json[] = []): Json {
  const snippet = top.snippet as Json;
  return {
    kind: 'youtube#commentThread',
    etag: `etag-t-${String(top.id)}`,
    id: top.id,
    snippet: {
      channelId: snippet.channelId,
      videoId: snippet.videoId,
      topLevelComment: top,
      canReply: true,
      totalReplyCount: replies.length,
      isPublic: true,
    },
    ...(replies.length > 0 ? { replies: { comments: replies } } : {}),
  };
}
