import { promises as dnsPromises, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { type EvidenceArtefactRef, isNetraError } from '@netra/core';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { COLLECTOR_ERROR } from '../errors.ts';
import type { EvidenceStore } from '../evidence/artefact-store.ts';
import { guardedFetch, readBytesBounded } from './guarded-fetch.ts';

/** What the API collectors download from posts for OCR (`images` in their input turns it on). */
export interface ImageDownloadOptions {
  /** A larger image is not kept (default 5 MiB; the scraper's SCRAPER_IMAGE_MAX_BYTES). */
  maxBytes?: number;
  /** Images per post at most (default 8, the OCR worker's own default limit). */
  maxImages?: number;
  /** Per image, redirects included (default 15 s). */
  timeoutMs?: number;
}

export const IMAGE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export const DEFAULT_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 3;

/**
 * Addresses a collector must never fetch from, whatever a post's markup says (SSRF): loopback, private,
 * link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast, reserved, and their IPv6
 * counterparts (IPv4-mapped addresses are checked as IPv4).
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv6');

export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return BLOCKED.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The addresses a host name resolves to. Injectable so a test can answer differently at check and connect time. */
export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) =>
  (await dnsPromises.lookup(host, { all: true, order: 'verbatim' })).map((a) => a.address);

/** `code` of the connect-time refusal, found in the `cause` of the failed request. */
export const BLOCKED_ADDRESS_CODE = 'EBLOCKEDADDRESS';

function blockedAddressError(host: string): Error {
  return Object.assign(new Error(`${host}: alamat privat/terlarang / private or blocked address`), {
    code: BLOCKED_ADDRESS_CODE,
  });
}

/** True when `error` or one of its causes is the connect-time refusal of a private or reserved address. */
export function isBlockedAddressError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e === 'object' && (e as { code?: unknown }).code === BLOCKED_ADDRESS_CODE) return true;
  }
  return false;
}

/** The host name of PLATFORM_ORIGINS' origin: the only host whose private or loopback addresses are allowed. */
function trustedHostOf(localOrigin: string | undefined): string | undefined {
  return localOrigin ? new URL(localOrigin).hostname.replace(/^\[|\]$/g, '').toLowerCase() : undefined;
}

/**
 * DNS lookup for the socket itself (`net.connect`/`tls.connect` option `lookup`): resolves the name once,
 * refuses it when any address is private or reserved, and hands the socket only the addresses it checked — the
 * address checked is the address connected to, so a name that resolves differently a second time (DNS
 * rebinding) cannot slip through. The connection still goes by name (TLS SNI and `Host` unchanged). Only
 * `trustedHost` (PLATFORM_ORIGINS' host: a test or demo server) may resolve to loopback or private addresses.
 */
export function guardedLookup(resolve: Resolver = systemResolver, trustedHost?: string): LookupFunction {
  return (hostname, options, callback) => {
    const reply = callback as (error: Error | null, address: string | LookupAddress[], family?: number) => void;
    const wanted =
      options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0;
    resolve(hostname).then(
      (found) => {
        const addresses = found.map((address) => ({ address, family: isIP(address) }));
        const trusted = trustedHost !== undefined && hostname.toLowerCase() === trustedHost;
        if (!trusted && addresses.some((a) => isBlockedAddress(a.address))) {
          return reply(blockedAddressError(hostname), '', 0);
        }
        const usable = addresses.filter((a) => a.family !== 0 && (wanted === 0 || a.family === wanted));
        if (usable.length === 0) {
          return reply(
            Object.assign(new Error(`${hostname}: tidak ada alamat / no address`), { code: 'ENOTFOUND' }),
            '',
            0,
          );
        }
        if (options.all) return reply(null, usable);
        reply(null, usable[0]!.address, usable[0]!.family);
      },
      (error: unknown) => reply(error instanceof Error ? error : new Error(String(error)), '', 0),
    );
  };
}

const sharedDispatchers = new Map<string, Agent>();

/**
 * The undici dispatcher every collector `fetch` goes through (`dispatcher` in its init): sockets resolve their
 * host with `guardedLookup`, and an IP literal host (which skips the lookup) is checked the same way. So the
 * address a request connects to is always one checked as public — on the first request, on every redirect,
 * whatever the DNS answered to the earlier URL check. With `localOrigin` (PLATFORM_ORIGINS) its host alone may
 * be loopback or private. Shared per origin (connection pooling) unless a test injects `resolve`.
 */
export function guardedDispatcher(localOrigin?: string, resolve?: Resolver): Dispatcher {
  const trustedHost = trustedHostOf(localOrigin);
  const key = trustedHost ?? '';
  if (!resolve) {
    const shared = sharedDispatchers.get(key);
    if (shared) return shared;
  }
  const base = buildConnector({ lookup: guardedLookup(resolve, trustedHost) } as buildConnector.BuildOptions);
  const connect: buildConnector.connector = (options, callback) => {
    const host = options.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (host !== trustedHost && isIP(host) && isBlockedAddress(host)) {
      return callback(blockedAddressError(host), null);
    }
    return base(options, callback);
  };
  const agent = new Agent({ connect });
  if (!resolve) sharedDispatchers.set(key, agent);
  return agent;
}

/**
 * Which URLs may be fetched: the origin PLATFORM_ORIGINS points the platform at (a test or demo server,
 * loopback allowed) — and then only that, so a local setup never reaches the internet — otherwise public
 * `https` hosts on the default port whose every address is public.
 */
export function imageUrlProblem(url: string, localOrigin: string | undefined): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'bukan URL / not a URL';
  }
  if (localOrigin) {
    return parsed.origin === new URL(localOrigin).origin
      ? null
      : `di luar PLATFORM_ORIGINS / outside PLATFORM_ORIGINS (${new URL(localOrigin).origin})`;
  }
  if (parsed.protocol !== 'https:') return `hanya https / https only (${parsed.protocol})`;
  if (parsed.port && parsed.port !== '443') return `port ${parsed.port} tidak diizinkan / not allowed`;
  if (parsed.username || parsed.password) return 'kredensial di URL / credentials in URL';
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && isBlockedAddress(host)) return `${host}: alamat privat/terlarang / private or blocked address`;
  return null;
}

/**
 * The API collectors' check of every URL they request and every redirect target (`HttpClient.urlProblem`): the
 * same rule as for images, plus the host's addresses — a name resolving to a private or reserved address is
 * refused. The API platforms name further hosts themselves (a Mastodon instance's `Link` header, the PDS a
 * Bluesky user declares in their DID document), so these are checked, not trusted. Resolved once per host and
 * crawl (`cache`); a name that fails to resolve is left to the request to report.
 */
export function apiUrlGuard(
  localOrigin: string | undefined,
  resolve: Resolver = systemResolver,
): (url: URL) => Promise<string | null> {
  const cache = new Map<string, Promise<string | null>>();
  return async (url) => {
    const problem = imageUrlProblem(url.toString(), localOrigin);
    if (problem || localOrigin) return problem;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) return null;
    let known = cache.get(host);
    if (!known) {
      known = resolve(host).then(
        (addresses) =>
          addresses.some(isBlockedAddress) ? `${host}: alamat privat/terlarang / private or blocked address` : null,
        () => null,
      );
      cache.set(host, known);
    }
    return known;
  };
}

/** The first bytes of the four allowed formats: a declared type the bytes contradict is refused. */
export function sniffImageType(bytes: Buffer): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(bytes.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return null;
}

export interface FetchedImage {
  sourceUrl: string;
  finalUrl: string;
  mediaType: string;
  bytes: Buffer;
}

/** The reason an image was not kept, from a refusal of `guardedFetch`: the redirect target when it was one. */
function imageRefusal(error: unknown, maxBytes: number): unknown {
  if (!isNetraError(error)) return error;
  const details = error.details as { problem?: string; target?: string; url?: string; bytes?: number };
  if (error.code === COLLECTOR_ERROR.responseTooLarge) return new Error(`${details.bytes} bytes > ${maxBytes}`);
  if (error.code !== COLLECTOR_ERROR.urlRefused || !details.problem) return error;
  return new Error(
    details.target && details.target !== details.url
      ? `dialihkan ke / redirected to ${details.target}: ${details.problem}`
      : details.problem,
  );
}

/**
 * Downloads one post image through the collectors' one guarded path (`guardedFetch`): every hop (at most 3
 * redirects) passes `imageUrlProblem` and the connect-time address check of `guardedDispatcher`; only the allowed
 * image types, at most `maxBytes` (declared or read), and bytes that are what they claim to be. Throws an Error
 * whose message says why (it becomes a per-image problem).
 */
export async function fetchImage(
  sourceUrl: string,
  o: { localOrigin: string | undefined; maxBytes: number; timeoutMs: number; userAgent: string },
): Promise<FetchedImage> {
  try {
    const { response, finalUrl } = await guardedFetch(sourceUrl, {
      dispatcher: guardedDispatcher(o.localOrigin),
      urlProblem: async (url) => imageUrlProblem(url.toString(), o.localOrigin),
      headers: { 'user-agent': o.userAgent, accept: IMAGE_MEDIA_TYPES.join(', ') },
      signal: AbortSignal.timeout(o.timeoutMs),
      maxRedirects: MAX_REDIRECTS,
    });
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => {});
      throw new Error(`HTTP ${response.status}`);
    }
    const declaredType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!(IMAGE_MEDIA_TYPES as readonly string[]).includes(declaredType)) {
      await response.body?.cancel().catch(() => {});
      throw new Error(`jenis ${declaredType || '(kosong)'} tidak diizinkan / type not allowed`);
    }
    const bytes = await readBytesBounded(response, o.maxBytes);
    const sniffed = sniffImageType(bytes);
    if (sniffed !== declaredType) throw new Error(`isi bukan ${declaredType} / bytes are not ${declaredType}`);
    return { sourceUrl, finalUrl, mediaType: declaredType, bytes };
  } catch (error) {
    throw imageRefusal(error, o.maxBytes);
  }
}

export interface PostImages {
  /** The images, then one manifest listing them with their source URLs; empty when none was kept. */
  refs: EvidenceArtefactRef[];
  /** `<url>: <why>` per image not kept: the post goes on without it. */
  problems: string[];
}

/** Downloads a post's images into the evidence store, as `image` artefacts plus a manifest naming each source. */
export async function storePostImages(
  urls: readonly string[],
  o: {
    store: EvidenceStore;
    capturedAt: Date;
    localOrigin: string | undefined;
    options: ImageDownloadOptions;
    userAgent: string;
    collector: { name: string; version: string };
    postUrl: string;
    beforeRequest?: (() => Promise<void>) | undefined;
  },
): Promise<PostImages> {
  const maxBytes = o.options.maxBytes ?? DEFAULT_IMAGE_MAX_BYTES;
  const unique = [...new Set(urls)].slice(0, o.options.maxImages ?? 8);
  const images: { ref: EvidenceArtefactRef; image: FetchedImage }[] = [];
  const problems: string[] = [];
  for (const url of unique) {
    try {
      await o.beforeRequest?.();
      const image = await fetchImage(url, {
        localOrigin: o.localOrigin,
        maxBytes,
        timeoutMs: o.options.timeoutMs ?? 15_000,
        userAgent: o.userAgent,
      });
      images.push({ ref: await o.store.put('image', image.bytes, image.mediaType, o.capturedAt), image });
    } catch (error) {
      problems.push(`${url.slice(0, 200)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (images.length === 0) return { refs: [], problems };
  const manifest = {
    collector: o.collector.name,
    collectorVersion: o.collector.version,
    postUrl: o.postUrl,
    capturedAt: o.capturedAt.toISOString(),
    artefacts: images.map(({ ref, image }) => ({
      role: 'post-image',
      kind: 'image',
      sha256: ref.sha256,
      bytes: ref.bytes,
      mediaType: image.mediaType,
      path: ref.path,
      sourceUrl: image.sourceUrl,
      finalUrl: image.finalUrl,
    })),
  };
  const manifestRef = await o.store.put(
    'json',
    JSON.stringify(manifest, null, 2),
    'application/vnd.netra.evidence-manifest+json',
    o.capturedAt,
  );
  return { refs: [...images.map((i) => i.ref), manifestRef], problems };
}
