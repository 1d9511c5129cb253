/**
 * Bodies the hostile-input tests and bench send (tests/hostile, tests/bench/hostile.ts).
 */
import { request, type RunningServer } from './server-process'

/**
 * The ~250 bytes an attack review found stopping the whole server: a multipart body whose file part
 * never reaches its closing boundary (boundary `XB`).
 */
export function truncatedUpload(): Buffer {
  return Buffer.from(
    '--XB\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n' +
      '--XB\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n' +
      'Content-Type: text/plain\r\n\r\nhello',
  )
}

/** POSTs the truncated upload, signed in, to an upload route (its JSON twin answers in JSON). */
export function postTruncatedUpload(
  server: RunningServer,
  cookie: string,
  target = '/netwerken/gos/documenten/nieuw.json',
) {
  return request(server.port, target, {
    method: 'POST',
    headers: {
      'Content-Type': 'multipart/form-data; boundary=XB',
      Origin: server.origin,
      Cookie: cookie,
      ...(target.endsWith('.json') ? { Accept: 'application/json' } : {}),
    },
    body: truncatedUpload().toString('latin1'),
  })
}
