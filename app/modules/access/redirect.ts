/**
 * A path on our own origin to send the user to after signing in. Anything that could leave the site
 * (`//evil.example`, `/\evil.example`, `https://…`, `javascript:`, encoded tabs or slashes) falls back.
 */
export function safeRedirectPath(to: unknown, fallback = '/'): string {
  if (typeof to !== 'string' || to.length === 0 || to.length > 2000) return fallback
  if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  let decoded: string
  try {
    decoded = decodeURIComponent(to)
  } catch {
    return fallback
  }
  // Browsers drop tabs and newlines and treat backslashes as slashes, so "/%09/evil" becomes "//evil".
  // eslint-disable-next-line no-control-regex
  const normalised = decoded.replace(/[\u0000-\u001f\u007f]/g, '').replace(/\\/g, '/')
  if (normalised.startsWith('//')) return fallback
  const url = new URL(to, 'http://zwin.invalid')
  if (url.origin !== 'http://zwin.invalid') return fallback
  return url.pathname + url.search + url.hash
}
