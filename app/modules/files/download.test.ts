import { describe, expect, it } from 'vitest'
import { contentDisposition, downloadHeaders } from './download'

describe('download headers', () => {
  it.each([
    [
      'Begroting – Sint-Laureins.csv',
      'Begroting - Sint-Laureins.csv',
      'Begroting%20%E2%80%93%20Sint-Laureins.csv',
    ],
    ['café.csv', 'cafe.csv', 'caf%C3%A9.csv'],
    ['plan 🚌.csv', 'plan __.csv', 'plan%20%F0%9F%9A%8C.csv'],
    ['a"; filename="x.html', 'a filename=x.html', 'a%20filename%3Dx.html'],
    ['../../etc/passwd', '....etcpasswd', '....etcpasswd'],
  ])('%j keeps the header well-formed', (name, ascii, encoded) => {
    const header = contentDisposition(name)
    expect(header).toBe(`attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`)
    // exactly one quoted name and one encoded name: nothing can close the quotes or add a parameter
    expect(header).toMatch(/^attachment; filename="[^"\\]*"; filename\*=UTF-8''[^\s;"']*$/)
  })

  it('forbids anything in the file from running', () => {
    const headers = new Headers(downloadHeaders('x.csv', 'text/csv; charset=utf-8'))
    expect(headers.get('Content-Security-Policy')).toBe("default-src 'none'; sandbox")
    expect(headers.get('Cache-Control')).toBe('private, no-store')
    expect(headers.get('Content-Disposition')).toMatch(/^attachment;/)
  })
})
