import { describe, expect, it } from 'vitest'
import { secondFactorResetMail } from './second-factor-reset-mail.server'

const link = 'https://zwin.example/profiel/tweestapsverificatie'

describe('secondFactorResetMail', () => {
  it('speaks each locale: nl-NL logs in, nl-BE meldt zich aan, en signs in', () => {
    const nl = secondFactorResetMail({ locale: 'nl-NL', name: 'Bram', link })
    const be = secondFactorResetMail({ locale: 'nl-BE', name: 'Lieve', link })
    const en = secondFactorResetMail({ locale: 'en', name: 'Yara', link })
    expect(nl.text).toMatch(/Log in zoals gewoonlijk/)
    expect(be.text).toMatch(/Meld u aan zoals gewoonlijk/)
    expect(be.text).not.toMatch(/[Ll]og in|inloggen/)
    expect(en.subject).toBe('Your two-step verification for Zwin has been removed')
    for (const mail of [nl, be, en]) {
      expect(mail.text).toContain(link)
      expect(mail.html).toContain(`href="${link}"`)
    }
  })

  it('escapes the name in the HTML and refuses a link that is not a web address', () => {
    const mail = secondFactorResetMail({ locale: 'nl-NL', name: '<b>Ilse</b>', link })
    expect(mail.html).toContain('&lt;b&gt;Ilse&lt;/b&gt;')
    expect(mail.html).not.toContain('<b>Ilse')
    expect(() =>
      secondFactorResetMail({ locale: 'en', name: 'X', link: 'javascript:alert(1)' }),
    ).toThrow()
  })
})
