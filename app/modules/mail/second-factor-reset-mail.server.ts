import type { ComposedMail, MailLocale } from './set-password-mail.server'
import { assertWebLink, mailDocument, mailLinkParagraph, mailParagraph } from './layout.server'

export type SecondFactorResetMailInput = {
  locale: MailLocale
  name: string
  /** Where the person sets it up again: the portal's own address. */
  link: string
}

type Copy = {
  subject: string
  greeting: string
  what: string
  next: string
  notExpected: string
  closing: string
}

const nlNL = (name: string): Copy => ({
  subject: 'Uw tweestapsverificatie voor Zwin is gewist',
  greeting: `Beste ${name},`,
  what: 'Een beheerder heeft de tweestapsverificatie van uw account op Zwin gewist. Uw oude code-app en herstelcodes werken niet meer.',
  next: 'Log in zoals gewoonlijk. Zwin vraagt u dan om tweestapsverificatie opnieuw in te stellen:',
  notExpected:
    'Hebt u hier niet om gevraagd? Neem dan meteen contact op met de beheerder van uw organisatie.',
  closing: 'Met vriendelijke groet,',
})

const copy: Record<MailLocale, (name: string) => Copy> = {
  'nl-NL': nlNL,
  // Only where a Flemish reader would stumble (inloggen ↔ aanmelden; docs/decisions/0004-routes-and-translations.md).
  'nl-BE': (name) => ({
    ...nlNL(name),
    next: 'Meld u aan zoals gewoonlijk. Zwin vraagt u dan om tweestapsverificatie opnieuw in te stellen:',
    closing: 'Met vriendelijke groeten,',
  }),
  en: (name) => ({
    subject: 'Your two-step verification for Zwin has been removed',
    greeting: `Dear ${name},`,
    what: 'An administrator has removed the two-step verification of your account on Zwin. Your old authenticator app entry and recovery codes no longer work.',
    next: 'Sign in as usual. Zwin will then ask you to set up two-step verification again:',
    notExpected:
      'Did you not ask for this? Then contact the administrator of your organisation straight away.',
    closing: 'Kind regards,',
  }),
}

/** Tells a person that an administrator reset their second factor, in their language (text and HTML). */
export function secondFactorResetMail(input: SecondFactorResetMailInput): ComposedMail {
  assertWebLink(input.link)
  const c = copy[input.locale](input.name)
  const text = [
    c.greeting,
    c.what,
    `${c.next}\n${input.link}`,
    c.notExpected,
    `${c.closing}\nZwin`,
  ].join('\n\n')
  const p = mailParagraph
  const html = mailDocument({
    locale: input.locale,
    subject: c.subject,
    body: [p(c.greeting), p(c.what), p(c.next), mailLinkParagraph(input.link), p(c.notExpected)],
    closing: c.closing,
  })
  return { subject: c.subject, text, html }
}
