import {
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useChangeLanguage } from 'remix-i18next/react'
import { defaultLocale } from './i18n/config'
import { userLocale } from './i18n/i18n.server'
import { getOptionalUser } from './modules/access/access.server'
import { consumeFlash } from './modules/flash/flash.server'
import { ErrorMessage } from './ui/error-message'
import layoutCss from './ui/layout.css?url'
import { useNonce } from './ui/nonce'
import { Shell } from './ui/shell'
import themeCss from './ui/theme.css?url'
import utrechtCss from './ui/utrecht.css?url'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: utrechtCss },
  { rel: 'stylesheet', href: themeCss },
  { rel: 'stylesheet', href: layoutCss },
  // public/favicon.ico (drawn by scripts/favicon-ico.ts) for browsers without SVG icons.
  { rel: 'icon', href: '/favicon.ico', sizes: '16x16 32x32 48x48' },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [{ title: 'Zwin' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request)
  const locale = await userLocale(request, user)
  const { flash, headers } = await consumeFlash(request)
  return data(
    {
      locale,
      flash,
      user: user && {
        name: user.name,
        organisationName: user.organisation.name,
        isPlatformAdmin: user.isPlatformAdmin,
        isOrgAdmin: user.isOrgAdmin,
      },
    },
    { headers },
  )
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const locale = data?.locale ?? defaultLocale
  const nonce = useNonce()
  const { i18n } = useTranslation()
  return (
    <html lang={locale} dir={i18n.dir(locale)} className="zwin-theme utrecht-document">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="utrecht-body">
        <Shell user={data?.user ?? null} flash={data?.flash ?? null}>
          {children}
        </Shell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  const data = useRouteLoaderData<typeof loader>('root')
  useChangeLanguage(data?.locale ?? defaultLocale)
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const kind =
    status === 404
      ? 'notFound'
      : status === 403
        ? 'forbidden'
        : status === 429
          ? 'tooMany'
          : status === 400
            ? 'badRequest'
            : 'server'
  return (
    <ErrorMessage
      title={t(`errors.${kind}.title`)}
      texts={[t(`errors.${kind}.body`)]}
      homeLabel={t('errors.home')}
    />
  )
}
