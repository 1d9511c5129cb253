import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { locales } from '~/i18n/config'
import type { Flash } from '~/modules/flash/flash.server'

type ShellUser = {
  name: string
  organisationName: string
  isPlatformAdmin: boolean
  isOrgAdmin: boolean
}

const languageNames: Record<(typeof locales)[number], string> = {
  'nl-NL': 'Nederlands (Nederland)',
  'nl-BE': 'Nederlands (België)',
  en: 'English',
}

export function Shell({
  user,
  flash,
  children,
}: {
  user: ShellUser | null
  flash: Flash | null
  children: React.ReactNode
}) {
  const { t } = useTranslation()
  const menu = useRef<HTMLDetailsElement>(null)
  const { pathname, search } = useLocation()
  // A link in the open menu leads to a new page: the menu closes, as it would on a full page load.
  useEffect(() => {
    if (menu.current) menu.current.open = false
  }, [pathname, search])
  return (
    <>
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
        {t('shell.skipLink')}
      </a>
      <header className="zwin-header">
        <div className="zwin-header__bar">
          <Link to="/" className="zwin-brand">
            <span className="zwin-brand__name">Zwin</span>
            <span className="zwin-brand__tagline">{t('shell.tagline')}</span>
          </Link>
          {/*
           * On a small screen everything but the brand folds into this menu: a details element, so it
           * opens without JavaScript and from the keyboard. On a wider screen layout.css shows its
           * content as before and hides the Menu button.
           */}
          <details className="zwin-menu" ref={menu}>
            <summary className="zwin-menu__toggle">{t('shell.menu')}</summary>
            <LanguageSwitch />
            {user ? <UserBar user={user} /> : null}
          </details>
        </div>
      </header>
      <main id="inhoud" tabIndex={-1} className="zwin-main">
        {flash ? (
          <div className="utrecht-alert utrecht-alert--ok zwin-flash" role="status">
            <p className="utrecht-paragraph">
              {t(`flash.${flash.message}`, { count: flash.count, context: flash.context })}
            </p>
          </div>
        ) : null}
        {children}
      </main>
      <footer className="zwin-footer">
        <ul>
          <li>
            <Link to="/toegankelijkheid">{t('shell.footer.accessibility')}</Link>
          </li>
          <li>{t('shell.footer.about')}</li>
        </ul>
      </footer>
    </>
  )
}

/** Who is signed in, the search box, the main navigation and signing out. */
function UserBar({ user }: { user: ShellUser }) {
  const { t } = useTranslation()
  return (
    <div className="zwin-header__user">
      <p className="zwin-who">
        <span className="zwin-who__name">{user.name}</span>
        <span className="zwin-who__org">{user.organisationName}</span>
      </p>
      <Form
        method="get"
        action="/zoeken"
        role="search"
        aria-label={t('shell.search.label')}
        className="zwin-search"
      >
        <label htmlFor="header-search" className="zwin-visually-hidden">
          {t('shell.search.label')}
        </label>
        <input
          id="header-search"
          name="q"
          type="search"
          maxLength={200}
          placeholder={t('shell.search.placeholder')}
          className="utrecht-textbox utrecht-textbox--html-input"
        />
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          {t('shell.search.submit')}
        </button>
      </Form>
      <nav aria-label={t('shell.mainNav')} className="zwin-nav">
        <ul>
          <li>
            <NavLink to="/" end>
              {t('shell.nav.networks')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/agenda">{t('shell.nav.agenda')}</NavLink>
          </li>
          <li>
            <NavLink to="/activiteit">{t('shell.nav.activity')}</NavLink>
          </li>
          <li>
            <NavLink to="/projecten">{t('shell.nav.projects')}</NavLink>
          </li>
          <li>
            <NavLink to="/profiel">{t('shell.nav.profile')}</NavLink>
          </li>
          {user.isPlatformAdmin || user.isOrgAdmin ? (
            <li>
              <NavLink to="/beheer">{t('shell.nav.admin')}</NavLink>
            </li>
          ) : null}
        </ul>
        <Form method="post" action="/logout" className="zwin-nav__logout">
          <button type="submit" className="utrecht-button utrecht-button--secondary-action">
            {t('shell.logout')}
          </button>
        </Form>
      </nav>
    </div>
  )
}

/** Works without JavaScript: a plain form that posts the choice and comes back to the same page. */
function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  const location = useLocation()
  return (
    <Form method="post" action="/taal" className="zwin-lang" aria-label={t('shell.language')}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <span className="zwin-lang__label" id="zwin-lang-label">
        {t('shell.language')}:
      </span>
      <ul aria-labelledby="zwin-lang-label">
        {locales.map((locale) => (
          <li key={locale}>
            <button
              type="submit"
              name="locale"
              value={locale}
              lang={locale}
              aria-current={i18n.language === locale ? 'true' : undefined}
              className="zwin-lang__option"
            >
              {languageNames[locale]}
            </button>
          </li>
        ))}
      </ul>
    </Form>
  )
}
