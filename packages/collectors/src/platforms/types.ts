/// <reference lib="dom" />
import type { Platform, PostKind } from '@netra/core';

/** What the in-page extraction returns for one item; validated and completed in Node by `crawlAccount`. */
export interface RawItem {
  /** Value of the `data-netra-item` marker set on the element, to screenshot it afterwards. */
  marker: string;
  externalId: string | null;
  /** When `externalId` is null: the attribute/element that should have carried it. */
  missingField?: string;
  kind: PostKind;
  authorHandle: string;
  text: string;
  /** ISO 8601, when the page gives an absolute time. */
  postedAt: string | null;
  /** The visible time label ("2 minggu yang lalu"); parsed in Node when `postedAt` is null. */
  timeText?: string;
  /** Permalink as seen on the page (absolute). */
  href: string | null;
  mediaDescriptions: string[];
  context?: { parentText?: string; parentAuthor?: string };
  raw: Record<string, unknown>;
}

export interface ExtractArgs {
  /** The watched account's handle, to tell its items from the parent posts shown around them. */
  handle: string;
}

export type AccountState = 'ok' | 'private' | 'not_found' | 'login_wall';

export type Pagination =
  /** A link to the next page: navigate to its href. */
  | { kind: 'link'; selector: string }
  /** A "load more" button: click it; new items are appended to the same document. */
  | { kind: 'button'; selector: string };

/**
 * How to read one platform's public profile page. `detect` and `extract` run INSIDE the page (serialised by
 * Playwright), so they must be self-contained: no imports, no closures over module variables.
 */
export interface PlatformDefinition {
  platform: Platform;
  /**
   * Bumped whenever selectors or paging change (`<platform>-page/<year>.<month>.<n>`): kept with every post
   * (`raw.definitionVersion`) and reported by the canary, so a change in what was collected can be traced to
   * the definition that read it.
   */
  version: string;
  /** Appears once the page (profile, private notice, login wall or not-found page) has rendered. */
  readySelector: string;
  detect: () => AccountState;
  extract: (args: ExtractArgs) => RawItem[];
  pagination: Pagination;
}
