const FALLBACK = '/review';
const BASE = 'http://netra.invalid';
// Control characters (C0, DEL, C1), backslashes and any whitespace: browsers strip or rewrite them in a
// Location header (`/\t/evil.example` becomes `//evil.example`), and a CR/LF would split the header.
const UNSAFE = /[\u0000-\u0020\u007f-\u009f\\\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/;

/** The text after repeated percent-decoding (at most a few rounds), or null when it does not decode. */
function fullyDecoded(value: string): string | null {
  let current = value;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

function isSafePath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !UNSAFE.test(path);
}

/**
 * Where to send a user back to after sign-in: only a same-origin relative path. Refuses anything a browser
 * could read as another host — protocol-relative `//host`, backslashes, control characters and whitespace,
 * and the same in percent-encoded form (`/%09/host`, `/%2F%2Fhost`, `/%5Chost`) — and falls back to `/review`.
 */
export function safeRedirectPath(next: unknown, fallback = FALLBACK): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return fallback;
  // Encoded characters are checked in the path, where they could turn into a host; in the query they stay encoded.
  const decodedPath = fullyDecoded(next.split(/[?#]/, 1)[0] ?? '');
  if (decodedPath === null || !isSafePath(next) || !isSafePath(decodedPath)) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || !isSafePath(url.pathname)) return fallback;
  // The sign-in page itself would loop.
  if (url.pathname === '/login' || url.pathname.startsWith('/login/')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * The page to come back to when a request needs signing in first. A GET is the page itself; a form post
 * (a session that expired while the analyst was filling it in) is the page the form was on — its own URL
 * answers only POST, so signing in would end on a 404 — read from a same-host `Referer`, else `/review`.
 */
export function returnPathAfterSignIn(request: {
  method: string;
  url: string;
  headers: { host?: string | undefined; referer?: string | undefined };
}): string {
  if (request.method === 'GET' || request.method === 'HEAD') return request.url;
  const referer = request.headers.referer;
  if (!referer || !URL.canParse(referer)) return FALLBACK;
  const from = new URL(referer);
  if (from.host !== request.headers.host) return FALLBACK;
  return safeRedirectPath(`${from.pathname}${from.search}`);
}
