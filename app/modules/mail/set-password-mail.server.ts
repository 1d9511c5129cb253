import { dateLocale } from '../../i18n/config'
import { dateTimeFormat } from '../../i18n/intl'
import {
  assertWebLink,
  escapeHtml,
  mailDocument,
  mailLinkParagraph,
  mailParagraph,
} from './layout.server'

export { escapeHtml }

export type MailLocale = 'nl-NL' | 'nl-BE' | 'en'

export type SetPasswordMailInput = {
  locale: MailLocale
  name: string
  link: string
  organisationName: string
  expiresAt: Date
  /** `welcome` for a new account (the default), `reset` when an existing user needs a new password. */
  purpose?: 'welcome' | 'reset'
}

export type ComposedMail = { subject: string; text: string; html: string }

type Copy = {
  subject: string
  greeting: string
  intro: string
  action: string
  button: string
  validity: string
  afterwards: string
  expired: string
  notExpected: string
  buttonFallback: string
  closing: string
}

type CopyInput = { name: string; organisationName: string; expires: string; forgotLink: string }

type Purpose = NonNullable<SetPasswordMailInput['purpose']>

const nlNL: Record<Purpose, (i: CopyInput) => Copy> = {
  welcome: (i) => ({
    ...dutch(i),
    subject: 'Welkom bij Zwin – stel uw wachtwoord in',
    intro: `Er is een account op Zwin voor u gemaakt. Op Zwin delen gemeenten die samenwerken hun agenda's, projecten en documenten. Uw account hoort bij ${i.organisationName}.`,
    action: 'Kies eerst zelf een wachtwoord. Dat doet u via deze link:',
    button: 'Wachtwoord instellen',
    notExpected: 'Hebt u dit account niet verwacht? Dan kunt u deze e-mail negeren.',
  }),
  reset: (i) => ({
    ...dutch(i),
    subject: 'Stel een nieuw wachtwoord in voor Zwin',
    intro: `Er is gevraagd om een nieuw wachtwoord voor uw account op Zwin. Uw account hoort bij ${i.organisationName}.`,
    action: 'Kies een nieuw wachtwoord via deze link:',
    button: 'Nieuw wachtwoord instellen',
    validity: `De link werkt één keer en is 1 uur geldig: tot ${i.expires} uur.`,
    // Asked for by the person (or someone who knows the address): they can ask again themselves.
    expired: `Werkt de link niet meer? Vraag dan zelf een nieuwe link aan op ${i.forgotLink}`,
    notExpected:
      'Hebt u dit niet gevraagd? Dan kunt u deze e-mail negeren. Uw wachtwoord blijft dan hetzelfde.',
  }),
}

// nl-BE differs from nl-NL only where a Flemish reader would stumble (inloggen ↔ aanmelden; see
// terminology.md), so it is written as those differences.
const flemish = {
  afterwards: 'Daarna meldt u zich aan met uw e-mailadres en uw nieuwe wachtwoord.',
  closing: 'Met vriendelijke groeten,',
}

const en: Record<Purpose, (i: CopyInput) => Copy> = {
  welcome: (i) => ({
    ...english(i),
    subject: 'Welcome to Zwin – set your password',
    intro: `An account on Zwin has been created for you. On Zwin, municipalities that work together share their agendas, projects and documents. Your account belongs to ${i.organisationName}.`,
    action: 'First choose your own password. You do this with this link:',
    button: 'Set your password',
    notExpected: 'Were you not expecting this account? Then you can ignore this email.',
  }),
  reset: (i) => ({
    ...english(i),
    subject: 'Set a new password for Zwin',
    intro: `Someone asked for a new password for your account on Zwin. Your account belongs to ${i.organisationName}.`,
    action: 'Choose a new password with this link:',
    button: 'Set a new password',
    validity: `The link works once and is valid for 1 hour: until ${i.expires} (Amsterdam and Brussels time).`,
    expired: `Does the link no longer work? Then ask for a new link yourself at ${i.forgotLink}`,
    notExpected:
      'Did you not ask for this? Then you can ignore this email. Your password stays the same.',
  }),
}

const copy: Record<MailLocale, Record<Purpose, (i: CopyInput) => Copy>> = {
  'nl-NL': nlNL,
  'nl-BE': {
    welcome: (i) => ({ ...nlNL.welcome(i), ...flemish }),
    reset: (i) => ({ ...nlNL.reset(i), ...flemish }),
  },
  en,
}

function dutch(i: CopyInput) {
  return {
    greeting: `Beste ${i.name},`,
    validity: `De link werkt één keer. U kunt hem gebruiken tot ${i.expires} uur.`,
    afterwards: 'Daarna logt u in met uw e-mailadres en uw nieuwe wachtwoord.',
    expired:
      'Werkt de link niet meer? Vraag dan de beheerder van uw organisatie om een nieuwe link.',
    buttonFallback: 'Werkt de knop niet? Kopieer dan deze link naar uw browser:',
    closing: 'Met vriendelijke groet,',
  }
}

function english(i: CopyInput) {
  return {
    greeting: `Dear ${i.name},`,
    // Recipients are in the Netherlands or Flanders, which share one time zone.
    validity: `The link works once. You can use it until ${i.expires} (Amsterdam and Brussels time).`,
    afterwards: 'After that, sign in with your email address and your new password.',
    expired:
      'Does the link no longer work? Then ask the administrator of your organisation for a new link.',
    buttonFallback: 'Does the button not work? Then copy this link into your browser:',
    closing: 'Kind regards,',
  }
}

/** The "set your password" mail in the recipient's language, as plain text and as HTML. */
export function setPasswordMail(input: SetPasswordMailInput): ComposedMail {
  assertWebLink(input.link)
  const expires = dateTimeFormat(dateLocale(input.locale), {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(input.expiresAt)
  const c = copy[input.locale][input.purpose ?? 'welcome']({
    name: input.name,
    organisationName: input.organisationName,
    expires,
    forgotLink: new URL('/wachtwoord-vergeten', input.link).href,
  })

  const text = [
    c.greeting,
    c.intro,
    `${c.action}\n${input.link}`,
    c.validity,
    c.afterwards,
    c.expired,
    c.notExpected,
    `${c.closing}\nZwin`,
  ].join('\n\n')

  const p = mailParagraph
  const href = escapeHtml(input.link)
  const button = `<p style="margin:0 0 16px"><a href="${href}" style="display:inline-block;padding:12px 20px;background:#00566e;color:#ffffff;font-weight:bold;text-decoration:underline">${escapeHtml(c.button)}</a></p>`
  const html = mailDocument({
    locale: input.locale,
    subject: c.subject,
    body: [
      p(c.greeting),
      p(c.intro),
      p(c.action),
      button,
      p(c.buttonFallback),
      mailLinkParagraph(input.link),
      p(c.validity),
      p(c.afterwards),
      p(c.expired),
      p(c.notExpected),
    ],
    closing: c.closing,
  })
  return { subject: c.subject, text, html }
}
