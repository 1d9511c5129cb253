import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { locales } from '~/i18n/config'
import { localeCookie } from '~/i18n/i18n.server'
import { getOptionalUser } from '~/modules/access/access.server'
import { safeRedirectPath } from '~/modules/access/redirect'
import { saveLocalePreference } from '~/modules/accounts/profile.server'
import { getConfig } from '~/modules/config/config.server'

const schema = z.strictObject({
  locale: z.enum(locales),
  redirectTo: z.string().max(2000).optional(),
})

export function loader() {
  return redirect('/')
}

/** The language switch on every page: remembered in a cookie, and on the account when signed in. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) throw new Response('Bad Request', { status: 400 })
  const user = await getOptionalUser(request)
  if (user) await saveLocalePreference(user, parsed.data.locale)
  return redirect(safeRedirectPath(parsed.data.redirectTo, '/', getConfig().publicOrigin), {
    headers: { 'Set-Cookie': await localeCookie.serialize(parsed.data.locale) },
  })
}
