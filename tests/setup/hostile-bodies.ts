/**
 * Bodies the hostile-input tests and bench send (tests/hostile, tests/bench/hostile.ts).
 */

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
