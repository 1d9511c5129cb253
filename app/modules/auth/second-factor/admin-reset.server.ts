import { randomUUID } from 'node:crypto'
import { isLocale, type Locale } from '~/i18n/config'
import { deny, manageableUsersWhere, type CurrentUser } from '../../access/access.server'
import { auditBy } from '../../audit/audit.server'
import { getConfig } from '../../config/config.server'
import { db } from '../../db/db.server'
import { queueMail } from '../../mail/outbox.server'
import { secondFactorResetMail } from '../../mail/second-factor-reset-mail.server'
import { paths } from '../paths'
import { removeFactor } from './totp.server'

export type ResetResult = 'ok' | 'self' | 'none'

/**
 * An administrator removes someone's second factor (a lost phone and no recovery codes left): a platform
 * administrator for anyone, an organisation administrator for the people they manage. Audited, and the
 * person is told by mail, so that a reset they did not ask for does not go unnoticed. Their own factor an
 * administrator turns off on the profile, with a code.
 */
export async function resetSecondFactor(admin: CurrentUser, userId: string): Promise<ResetResult> {
  const target = await db.user.findFirst({
    where: { id: userId, ...manageableUsersWhere(admin) },
    select: {
      id: true,
      name: true,
      email: true,
      locale: true,
      organisation: { select: { defaultLocale: true } },
      totp: { select: { userId: true } },
    },
  })
  if (!target) throw await deny(admin, 'User', userId)
  if (target.id === admin.id) return 'self'
  if (!target.totp) return 'none'
  const locale: Locale = isLocale(target.locale)
    ? target.locale
    : isLocale(target.organisation.defaultLocale)
      ? target.organisation.defaultLocale
      : 'nl-NL'
  const mail = secondFactorResetMail({
    locale,
    name: target.name,
    link: `${getConfig().publicOrigin}${paths.enrolment}`,
  })
  // The reset, its audit and the mail that tells the person: all or nothing.
  await db.$transaction(async (tx) => {
    await removeFactor(target.id, tx)
    await auditBy(admin, 'admin.second_factor_reset', { type: 'User', id: target.id }, {}, tx)
    await queueMail(tx, {
      key: `second-factor-reset:${target.id}:${randomUUID()}`,
      to: target.email,
      category: 'account',
      mail,
    })
  })
  return 'ok'
}
