/**
 * Headers for a file the user downloads (docs/security.md item 20): always an attachment, with an
 * ASCII fallback name and the exact UTF-8 name, a policy under which nothing in the file can run,
 * and no cache. `X-Content-Type-Options: nosniff` comes from the server for every response.
 */
export function downloadHeaders(filename: string, contentType: string): HeadersInit {
  return {
    'Content-Type': contentType,
    'Content-Disposition': contentDisposition(filename),
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-store',
  }
}

/**
 * Headers for an uploaded image shown in the browser instead of downloaded: the same sandbox (an opaque
 * origin, no script), with only the image itself allowed to load.
 */
export function previewHeaders(filename: string, contentType: string): HeadersInit {
  return {
    'Content-Type': contentType,
    'Content-Disposition': contentDisposition(filename, 'inline'),
    'Content-Security-Policy':
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    'Cache-Control': 'private, no-store',
  }
}

export function contentDisposition(
  filename: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  // Control characters, quotes, backslashes and separators can never reach the header.
  // eslint-disable-next-line no-control-regex
  const clean = filename.replace(/[\u0000-\u001f\u007f"\\/;]/g, '').trim() || 'download'
  const ascii =
    clean
      .replace(/[\u2010-\u2015]/g, '-')
      .replace(/[\u2018\u2019]/g, "'")
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/%/g, '_') || 'download'
  const encoded = encodeURIComponent(clean).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
