/**
 * A path on our own origin to send the user to after signing in, after switching language or after an
 * agenda-item action. Anything that could leave the site (`//evil.example`, `/\evil.example`,
 * `/.//evil.example`, `https://…`, `javascript:`, encoded tabs or slashes, lookalike slashes) falls back.
 *
 * The value checked is the value returned: the URL parser removes dot segments, so what went in as
 * `/..//evil.example` comes out as `//evil.example`, which a browser reads as another host.
 */
export function safeRedirectPath(to: unknown, fallback: string, origin: string): string {
  if (typeof to !== 'string' || to.length === 0 || to.length > 2000) return fallback
  if (!isOwnPath(to, origin)) return fallback
  let url: URL
  try {
    url = new URL(to, origin)
  } catch {
    return fallback
  }
  const path = url.pathname + url.search + url.hash
  return url.origin === origin && isOwnPath(path, origin) ? path : fallback
}

/**
 * True when a browser on `origin` that gets `path` as a Location stays on `origin` at a path (WHATWG URL:
 * tabs and newlines are dropped, a backslash reads as a slash), and when decoding it once more (as a proxy
 * or a later step might, with lookalikes such as "／" folded to "/") still gives no `//` or `/\` start.
 */
export function isOwnPath(path: string, origin: string): boolean {
  const asBrowserReadsIt = path.replace(/[\t\n\r]/g, '')
  if (!asBrowserReadsIt.startsWith('/') || startsLikeAHost(asBrowserReadsIt)) return false
  let decoded: string
  try {
    decoded = decodeURIComponent(asBrowserReadsIt)
  } catch {
    return false
  }
  // eslint-disable-next-line no-control-regex
  const plain = decoded.normalize('NFKC').replace(/[\u0000-\u001f\u007f]/g, '')
  if (startsLikeAHost(plain)) return false
  try {
    return new URL(path, origin).origin === origin
  } catch {
    return false
  }
}

const startsLikeAHost = (path: string) => /^\/[/\\]/.test(path)
