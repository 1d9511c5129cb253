/**
 * The frame of Zwin's account mails (set your password, second factor reset): one column, readable
 * without images or styles, every text escaped.
 */

const PARAGRAPH = 'margin:0 0 16px'

/** A paragraph of plain text. */
export function mailParagraph(text: string): string {
  return `<p style="${PARAGRAPH}">${escapeHtml(text)}</p>`
}

/** A link that lands in an href must be a web address; anything else is a programming error. */
export function assertWebLink(link: string): void {
  const url = new URL(link)
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`A link in a mail must be an http(s) address, not ${url.protocol}`)
  }
}

/** The link written out, for a reader whose mail program does not follow the button. */
export function mailLinkParagraph(link: string): string {
  const href = escapeHtml(link)
  return `<p style="${PARAGRAPH};word-break:break-all"><a href="${href}" style="color:#00566e">${href}</a></p>`
}

/** The whole HTML document around `body` (already HTML), ending with the closing and "Zwin". */
export function mailDocument(input: {
  locale: string
  subject: string
  body: string[]
  closing: string
}): string {
  return `<!doctype html>
<html lang="${input.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.subject)}</title>
</head>
<body style="margin:0;padding:24px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
<div style="max-width:600px">
${input.body.join('\n')}
<p style="${PARAGRAPH}">${escapeHtml(input.closing)}<br>Zwin</p>
</div>
</body>
</html>
`
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}
