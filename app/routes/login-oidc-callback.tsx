import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { safeRedirectPath } from '~/modules/access/redirect'
import { recordAudit } from '~/modules/audit/audit.server'
import { finishSignIn, pendingSignInCookie } from '~/modules/auth/finish-sign-in.server'
import { paths } from '~/modules/auth/paths'
import {
  commitSessionCookie,
  destroySessionByToken,
  readSessionToken,
} from '~/modules/auth/session.server'
import { getConfig } from '~/modules/config/config.server'
import { accountForSignIn } from '~/modules/identity/link.server'
import {
  clearSignInCookie,
  completeProviderSignIn,
  type ProviderRefusal,
} from '~/modules/identity/oidc.server'
import { pageTitle } from '~/ui/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:oidc.refusedTitle')

/**
 * Where an organisation's identity provider sends the browser back. Every check is in
 * app/modules/identity; a refusal is audited and explained, and never creates a session.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const ip = context.clientIp ?? 'unknown'
  const headers = new Headers({ 'Set-Cookie': await clearSignInCookie() })
  const refuse = async (
    reason: ProviderRefusal,
    facts: { providerId?: string; userId?: string; detail?: string },
  ) => {
    await recordAudit({
      action: 'auth.oidc_refused',
      result: 'denied',
      actorUserId: facts.userId ?? null,
      objectType: facts.providerId ? 'IdentityProvider' : undefined,
      objectId: facts.providerId,
      ip,
      details: { reason, ...(facts.detail ? { detail: facts.detail } : {}) },
    })
    return data({ reason }, { status: reason === 'unavailable' ? 503 : 403, headers })
  }

  const answer = await completeProviderSignIn(request)
  if (!answer.ok) return refuse(answer.reason, answer)
  const account = await accountForSignIn(answer.provider, answer.claims)
  if (!account.ok) return refuse(account.reason, { providerId: answer.provider.id })

  const previous = await readSessionToken(request)
  if (previous) await destroySessionByToken(previous)
  const redirectTo = safeRedirectPath(answer.redirectTo, '/', getConfig().publicOrigin)
  // The provider's own MFA counts; a Zwin code is asked only where the organisation wants it too.
  const next = await finishSignIn({
    userId: account.userId,
    method: 'oidc',
    providerId: answer.provider.id,
    idToken: answer.idToken,
    redirectTo,
    userAgent: request.headers.get('User-Agent'),
    ip,
  })
  await recordAudit({
    action: 'auth.login',
    result: 'success',
    actorUserId: account.userId,
    actorOrganisationId: account.organisationId,
    subject: answer.claims.email ?? undefined,
    ip,
    details: { method: 'oidc', providerId: answer.provider.id, linked: account.linked },
  })
  if (next.kind === 'second_factor') {
    headers.append('Set-Cookie', await pendingSignInCookie().serialize(next.token))
    return redirect(paths.secondStep, { headers })
  }
  headers.append('Set-Cookie', await commitSessionCookie(next.token))
  return redirect(redirectTo, { headers })
}

export default function ProviderSignInRefused() {
  const { t } = useTranslation('auth')
  const { reason } = useLoaderData<typeof loader>()
  return (
    <section className="zwin-form" aria-labelledby="refused-title">
      <h1 id="refused-title" className="utrecht-heading-1">
        {t('oidc.refusedTitle')}
      </h1>
      <div className="utrecht-alert utrecht-alert--error" role="alert">
        <p className="utrecht-paragraph">{t(`oidc.reason.${reason}`)}</p>
      </div>
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to="/login">
          {t('oidc.tryAgain')}
        </Link>
      </p>
    </section>
  )
}
