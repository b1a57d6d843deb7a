import { createHash } from 'node:crypto';
import { type ArtefactStore, MANIFEST_MEDIA_TYPE } from '@netra/collectors';
import {
  type EvidenceArtefactRef,
  httpUrlSchema,
  type IndonesianZone,
  NetraError,
  type Platform,
  parseInstantInput,
  type Registry,
  ValidationError,
} from '@netra/core';
import {
  appendAudit,
  type Database,
  findWatchedAccount,
  getPerson,
  getPersonByNip,
  insertTip,
  type RescoreOutcome,
  recordTipText,
  saveClassifications,
  storedPostedAt,
  storeTipPost,
  type TipText,
  tipOcrInput,
} from '@netra/db';
import { checkImageDecodes, imageDimensions, isOcrError } from '@netra/ocr';
import { imageTextKey, type OcrJob, ocrJobId, type Queues } from '@netra/queue';
import { normaliseAccount, PLATFORM_HOSTS } from '@netra/watchlist';
import type { Kysely } from 'kysely';
import type { Classifier } from '../registry-classifier.ts';
import {
  checkUploadSize,
  imageTypeOf,
  SCREENSHOT_DECODE_SECONDS,
  savedPageTypeOf,
  TIP_MAX_SCREENSHOT_PIXELS,
} from './capture-files.ts';
import { type SavedPageLimits, savedPageText } from './saved-page-text.ts';

export const TIP_COLLECTOR = { name: 'netra-tip', version: '1.0.0' };

export interface TipInput {
  /** The post's address on its platform. */
  url: string;
  /** The post's text as the analyst copied it. */
  text?: string | undefined;
  /** A screenshot (PNG, JPEG or WebP, recognised by its bytes). */
  screenshot?: Uint8Array | undefined;
  /** The page as saved by the browser (HTML or MHTML). */
  savedPage?: Uint8Array | undefined;
  /** The watched person (NIP or id), when the URL matches none of the watched accounts. */
  personId?: string | undefined;
  /** When the post was published: ISO 8601; without an offset it is read in `postedAtZone`. */
  postedAt?: string | undefined;
  /** Where the analyst read the posting time (a browser's `datetime-local` has no zone); default WIB. */
  postedAtZone?: IndonesianZone | undefined;
  note?: string | undefined;
}

export interface TipActor {
  /** The analyst the tip is recorded under (users.id). */
  userId: string;
  /** Who the audit entry names (`cli:<name>` from the CLI). */
  username: string;
  /** The audit entry's actor id; the CLI leaves it null, as its other commands do. */
  auditActorId?: string | null;
  ip?: string | null;
}

export interface TipDeps {
  db: Kysely<Database>;
  store: ArtefactStore;
  classifier: Classifier;
  registry: () => Promise<Registry>;
  /** The OCR queue: an uploaded screenshot is read like a collected post's images (absent: not read). */
  queues?: Pick<Queues, 'ocr'> | undefined;
  now?: () => Date;
  /** Bounds of reading a saved HTML page's text off the event loop (default DEFAULT_SAVED_PAGE_LIMITS). */
  savedPageLimits?: SavedPageLimits | undefined;
}

export interface TipResult {
  tipId: string;
  postId: string;
  reviewItemId: string;
  /** False when the same URL was tipped before: the new evidence joined the existing post. */
  created: boolean;
  platform: Platform;
  accountId: string | null;
  personId: string | null;
  /** The score of the text this tip was classified from (its own text, or the post's current text if it had none). */
  score: number;
  flagged: boolean;
  /**
   * A later tip of the same post whose text differs from the post's latest: the post version its text was stored
   * as (the item page lists every version with its score). Null otherwise.
   */
  textVersion: number | null;
  /**
   * When that text's classification is new and the review item pointed at another: `moved` (the open item now
   * shows the new text's score), `kept_decided` (the item was decided and keeps the classification it was
   * decided on; its page says the post was scored again), `kept_newer`. Absent otherwise.
   */
  rescore?: RescoreOutcome;
  /**
   * What this tip gave that was not applied, each said here (and in the audit entry, and on the page the form
   * opens) instead of dropped without a word: a later tip of a post keeps the first tip's person and note and the
   * post's stored posting time (the manifest of this tip's evidence still holds its note and text).
   */
  ignored: TipIgnored[];
  /** The screenshot's OCR: `queued`, `no_screenshot`, or `no_queue` (submitted without a queue, e.g. no REDIS_URL). */
  ocr: 'queued' | 'no_screenshot' | 'no_queue';
}

/** A field of a later tip that was not applied (see `TipResult.ignored`). */
export interface TipIgnored {
  field: 'person' | 'note' | 'postedAt';
  message: string;
}

const invalid = (code: string, field: string, message: string) => new ValidationError(code, [{ field, message }]);

/**
 * Evidence is a whole image: a screenshot cut after a readable header (an interrupted upload, a partly copied
 * file) passed the header checks, was stored and queued, and only its OCR job failed. Every pixel is decoded
 * now, before anything is stored (`checkImageDecodes`: off the event loop, streamed, bounded in time).
 */
async function checkScreenshotDecodes(bytes: Uint8Array): Promise<void> {
  try {
    await checkImageDecodes(bytes, { maxPixels: TIP_MAX_SCREENSHOT_PIXELS, timeoutSeconds: SCREENSHOT_DECODE_SECONDS });
  } catch (error) {
    if (!isOcrError(error)) throw error;
    if (error.code === 'OCR_TIMEOUT') {
      throw invalid(
        'TIP_IMAGE_TOO_COMPLEX',
        'screenshot',
        `tangkapan layar tidak selesai dibaca dalam ${SCREENSHOT_DECODE_SECONDS} detik / screenshot could not be decoded in time`,
      );
    }
    throw invalid(
      'TIP_IMAGE_CORRUPT',
      'screenshot',
      'tangkapan layar rusak atau terpotong: gambarnya tidak terbaca utuh / screenshot is damaged or cut off: it does not decode whole',
    );
  }
}

/** Platform and account handle of a post URL, through the watchlist's own handle rules. */
function accountOfUrl(url: URL): { platform: Platform; handle: string | null } | null {
  const normalised = normaliseAccount(undefined, url.toString());
  if (normalised.ok) return { platform: normalised.account.platform, handle: normalised.account.handle };
  const host = url.hostname.toLowerCase();
  for (const [platform, hosts] of Object.entries(PLATFORM_HOSTS)) {
    if (hosts.includes(host)) return { platform: platform as Platform, handle: null };
  }
  return null;
}

/** One post per URL: the address without its fragment, trailing slash or tracking query. */
function tipExternalId(url: URL): string {
  const clean = new URL(url.toString());
  clean.hash = '';
  for (const key of [...clean.searchParams.keys()]) {
    if (/^(utm_|fbclid|igsh|si$|s$|t$|ref)/i.test(key)) clean.searchParams.delete(key);
  }
  const text = clean.toString().replace(/\/+$/, '');
  return `tip:${createHash('sha256').update(text).digest('hex').slice(0, 40)}`;
}

/**
 * An analyst's tip for a post Netra cannot collect itself (login walls): the capture is stored as evidence with
 * its hashes and a manifest, the post linked to the watched account its URL names (or the person the analyst
 * chose), classified, and put in review whatever its score — all in one transaction with its audit entry.
 * Bad input is refused with the field named; nothing is half-stored.
 */
export async function submitTip(deps: TipDeps, input: TipInput, actor: TipActor): Promise<TipResult> {
  const parsedUrl = httpUrlSchema.safeParse(input.url?.trim());
  if (!parsedUrl.success)
    throw invalid('TIP_URL_INVALID', 'url', 'URL http(s) postingan wajib diisi / a post URL is required');
  const url = new URL(parsedUrl.data);
  const owner = accountOfUrl(url);
  if (!owner) {
    throw invalid(
      'TIP_URL_PLATFORM_UNKNOWN',
      'url',
      `platform dari ${url.hostname} tidak dikenal / unknown platform (Facebook, Instagram, TikTok, X, YouTube, Bluesky, Mastodon, Telegram)`,
    );
  }
  const pasted = input.text?.trim() ?? '';
  if (pasted.length > 20_000)
    throw invalid('TIP_TEXT_TOO_LONG', 'text', 'teks lebih dari 20.000 karakter / text over 20,000 characters');
  let screenshotType: string | null = null;
  if (input.screenshot && input.screenshot.length > 0) {
    checkUploadSize('screenshot', input.screenshot);
    screenshotType = imageTypeOf(input.screenshot);
    if (!screenshotType) {
      throw invalid(
        'TIP_IMAGE_TYPE',
        'screenshot',
        'tangkapan layar harus PNG, JPEG atau WebP / screenshot must be a PNG, JPEG or WebP image',
      );
    }
    const size = await imageDimensions(input.screenshot);
    if (!size) {
      throw invalid(
        'TIP_IMAGE_CORRUPT',
        'screenshot',
        'tangkapan layar rusak: ukurannya tidak terbaca / screenshot is damaged: its size cannot be read',
      );
    }
    if (size.width * size.height > TIP_MAX_SCREENSHOT_PIXELS) {
      throw invalid(
        'TIP_IMAGE_TOO_LARGE',
        'screenshot',
        `tangkapan layar ${size.width}×${size.height} piksel melebihi batas ${TIP_MAX_SCREENSHOT_PIXELS / 1_000_000} juta piksel / screenshot exceeds ${TIP_MAX_SCREENSHOT_PIXELS / 1_000_000} million pixels`,
      );
    }
    await checkScreenshotDecodes(input.screenshot);
  }
  let pageType: string | null = null;
  if (input.savedPage && input.savedPage.length > 0) {
    checkUploadSize('savedPage', input.savedPage);
    pageType = savedPageTypeOf(input.savedPage);
    if (!pageType)
      throw invalid(
        'TIP_PAGE_TYPE',
        'savedPage',
        'halaman tersimpan harus HTML atau MHTML / saved page must be HTML or MHTML',
      );
  }
  if (!pasted && !screenshotType && !pageType) {
    throw invalid(
      'TIP_CAPTURE_MISSING',
      'text',
      'isi teks, unggah tangkapan layar atau halaman tersimpan / paste the text or upload a capture',
    );
  }
  let postedAt: string | null = null;
  if (input.postedAt?.trim()) {
    // Not `new Date(text)`: it read the form's zone-less time in the server's own zone (UTC in a container, so
    // 08:00 WIB was stored as 15:00 WIB), rolled 30 February over to March and took any year up to 275760.
    const read = parseInstantInput(input.postedAt, {
      zone: input.postedAtZone ?? 'WIB',
      now: deps.now?.() ?? new Date(),
    });
    if (!read.ok) {
      const code = read.code === 'INSTANT_OUT_OF_RANGE' ? 'TIP_POSTED_AT_OUT_OF_RANGE' : 'TIP_POSTED_AT_INVALID';
      throw invalid(code, 'postedAt', read.message);
    }
    postedAt = read.at.toISOString();
  }
  const note = input.note?.trim() ? input.note.trim().slice(0, 5_000) : null;

  const account = owner.handle ? await findWatchedAccount(deps.db, owner.platform, owner.handle) : undefined;
  const chosen = input.personId?.trim() ? input.personId.trim() : null;
  // The analyst names the person by NIP (18 digits) or by Netra's id.
  const person = !chosen
    ? undefined
    : /^\d{18}$/.test(chosen)
      ? await getPersonByNip(deps.db, chosen)
      : /^[0-9a-f-]{36}$/i.test(chosen)
        ? await getPerson(deps.db, chosen)
        : undefined;
  if (chosen && !person)
    throw invalid('TIP_PERSON_NOT_FOUND', 'person', 'ASN yang dipilih tidak ada / person not found');
  if (!account && !person) {
    throw invalid(
      'TIP_PERSON_REQUIRED',
      'person',
      'URL tidak cocok dengan akun yang dipantau; pilih ASN-nya / the URL matches no watched account: choose the person',
    );
  }

  // Read before anything is stored: a page refused here (TIP_PAGE_TOO_COMPLEX) leaves no artefact behind.
  const text =
    pasted ||
    (pageType === 'text/html' && input.savedPage ? await savedPageText(input.savedPage, deps.savedPageLimits) : '');

  const now = deps.now?.() ?? new Date();
  const artefacts: EvidenceArtefactRef[] = [];
  let screenshotRef: EvidenceArtefactRef | null = null;
  if (input.screenshot && screenshotType) {
    screenshotRef = await deps.store.put('screenshot', input.screenshot, screenshotType, now);
    artefacts.push(screenshotRef);
  }
  if (input.savedPage && pageType) artefacts.push(await deps.store.put('html', input.savedPage, pageType, now));
  const manifest = {
    collector: TIP_COLLECTOR.name,
    collectorVersion: TIP_COLLECTOR.version,
    kind: 'tip',
    requestUrl: url.toString(),
    capturedAt: now.toISOString(),
    submittedBy: actor.username,
    pastedText: pasted || null,
    note,
    artefacts: artefacts.map((a) => ({
      role: a.kind,
      kind: a.kind,
      sha256: a.sha256,
      bytes: a.bytes,
      mediaType: a.mediaType,
      path: a.path,
    })),
  };
  const manifestRef = await deps.store.put('json', JSON.stringify(manifest, null, 2), MANIFEST_MEDIA_TYPE, now);
  artefacts.push(manifestRef);

  const regionCode = account?.region_code ?? person?.region_code ?? null;
  const registry = await deps.registry();
  const externalId = tipExternalId(url);
  const raw = {
    collector: TIP_COLLECTOR.name,
    collectorVersion: TIP_COLLECTOR.version,
    tip: true,
    requestUrl: url.toString(),
    evidenceManifest: manifestRef.sha256,
    textSource: pasted ? 'pasted' : pageType === 'text/html' ? 'saved_page' : 'none',
  };
  const authorHandle = owner.handle ?? account?.handle ?? url.hostname;
  const stored = await deps.db.transaction().execute(async (tx) => {
    const post = await storeTipPost(tx, {
      platform: owner.platform,
      externalId,
      accountId: account?.id ?? null,
      authorHandle,
      url: url.toString(),
      text,
      postedAt,
      capturedAt: now.toISOString(),
      raw,
      evidence: artefacts,
    });
    // A later tip of a stored post: its text, when new, becomes a post version and is classified under its own
    // key, with the post's image texts so far (recordTipText) — never skipped as "already classified".
    const tipText: TipText = post.inserted
      ? { text, textKey: '', version: null, imageReadings: [] }
      : await recordTipText(tx, { postId: post.id, text, seenAt: now.toISOString(), evidence: artefacts });
    // The post's posting time in force: this tip's for a new post, else the first capture's (a different one
    // given now is reported as not applied, below). The classifier reads it to pick the race running that day
    // when the post names a person or number standing in two (docs/classifier.md "Dated posts").
    const postPostedAt = post.inserted ? postedAt : await storedPostedAt(tx, post.id);
    const result = deps.classifier(
      {
        platform: owner.platform,
        externalId,
        text: tipText.text,
        mediaDescriptions: [],
        regionCode,
        kind: 'post',
        context: undefined,
        imageReadings: tipText.imageReadings,
        postedAt: postPostedAt,
      },
      registry,
    );
    const [saved] = await saveClassifications(tx, [
      {
        postId: post.id,
        result,
        review: true,
        imageTextKey: imageTextKey(tipText.imageReadings),
        textKey: tipText.textKey,
      },
    ]);
    const tip = await insertTip(tx, {
      postId: post.id,
      submittedBy: actor.userId,
      personId: person?.id ?? null,
      note,
    });
    if (!saved?.reviewItemId) throw new NetraError('TIP_NOT_QUEUED', 'review item of the tip was not stored');
    const ignored: TipIgnored[] = [];
    if (!tip.created) {
      if (person && person.id !== tip.personId)
        ignored.push({
          field: 'person',
          message:
            'ASN pada tip pertama unggahan ini tetap dipakai; pilihan ASN ini tidak diterapkan / the first tip’s person stays',
        });
      if (note && note !== tip.note)
        ignored.push({
          field: 'note',
          message:
            'catatan tip pertama tetap; catatan ini hanya tersimpan di manifes bukti tip ini / the first tip’s note stays; this note is kept in this tip’s evidence manifest',
        });
      if (postedAt && postPostedAt !== postedAt)
        ignored.push({
          field: 'postedAt',
          message:
            'waktu unggah yang tersimpan dari tangkapan pertama tetap dipakai / the posting time stored with the first capture stays',
        });
    }
    // Read in the transaction that added this screenshot: every screenshot of the post so far, this one included.
    const ocrInput = screenshotRef && deps.queues ? await tipOcrInput(tx, post.id) : null;
    await appendAudit(tx, {
      actorId: actor.auditActorId === undefined ? actor.userId : actor.auditActorId,
      actorUsername: actor.username,
      action: tip.created ? 'tip.submit' : 'tip.add_evidence',
      entityType: 'tip',
      entityId: tip.id,
      after: {
        postId: post.id,
        url: url.toString(),
        platform: owner.platform,
        accountId: account?.id ?? null,
        personId: person?.id ?? null,
        artefacts: artefacts.map((a) => a.sha256),
        ...(tipText.version !== null ? { textVersion: tipText.version, textKey: tipText.textKey } : {}),
        ...(saved.rescore ? { rescore: saved.rescore } : {}),
        ...(ignored.length > 0 ? { ignored: ignored.map((i) => i.field) } : {}),
      },
      ip: actor.ip ?? null,
    });
    return {
      tipId: tip.id,
      postId: post.id,
      reviewItemId: saved.reviewItemId,
      created: tip.created,
      platform: owner.platform,
      accountId: account?.id ?? null,
      personId: person?.id ?? account?.person_id ?? null,
      score: result.score,
      flagged: result.flagged,
      textVersion: tipText.version,
      ...(saved.rescore ? { rescore: saved.rescore } : {}),
      ignored,
      ocrInput,
      postPostedAt,
    };
  });
  // After the commit: the screenshot goes through the OCR worker like a collected post's images. Its text is
  // stored per image (image_ocr) and on the post (image_readings), shown on the item page, and the tip is
  // classified again with it (a second classification; the open review item moves to it, classify-and-store).
  // The job id names the screenshot, so a second screenshot of the same URL is read too — with the earlier ones
  // (read from the OCR cache), so the post is classified again from all its image texts, and from its stored
  // text: the classification's evidence offsets point into what the item page shows.
  const { ocrInput, postPostedAt, ...submitted } = stored;
  if (!screenshotRef) return { ...submitted, ocr: 'no_screenshot' as const };
  if (!deps.queues || !ocrInput) return { ...submitted, ocr: 'no_queue' as const };
  const job: OcrJob = {
    platform: owner.platform,
    externalId,
    url: url.toString(),
    kind: 'post',
    accountId: account?.id ?? null,
    authorHandle,
    text: ocrInput.text,
    ...(ocrInput.textKey ? { textKey: ocrInput.textKey } : {}),
    postedAt: postPostedAt,
    fetchedAt: now.toISOString(),
    mediaDescriptions: [],
    // The OCR worker reads `image` evidence: the screenshots, under that kind for this job only (stored as `screenshot`).
    evidence: ocrInput.screenshots.map((shot) => ({ ...shot, kind: 'image' as const })),
    raw,
    crawlRunId: null,
    tip: true,
    regionCode,
  };
  await deps.queues.ocr.add('ocr-post', job, {
    jobId: ocrJobId({ platform: owner.platform, externalId }, [screenshotRef.sha256]),
  });
  return { ...submitted, ocr: 'queued' as const };
}
