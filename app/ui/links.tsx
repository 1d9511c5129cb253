import { Link } from '@remix-run/react'

/** The way back up, above a page's heading ("Beheer", "Organisaties", the network's name). */
export function BackLink({ to, children }: { to: string; children: React.ReactNode }) {
  return (
    <p className="zwin-muted">
      <Link className="utrecht-link" to={to}>
        {children}
      </Link>
    </p>
  )
}

/** A link that looks like the page's main button, e.g. "Organisatie toevoegen". */
/** A prominent link; `reloadDocument` for files (a resource route, not a page). */
export function PrimaryLink({
  to,
  children,
  reloadDocument,
}: {
  to: string
  children: React.ReactNode
  reloadDocument?: boolean
}) {
  return (
    <p className="zwin-actions">
      <Link
        className="utrecht-button-link utrecht-button-link--primary-action utrecht-button-link--html-a"
        to={to}
        reloadDocument={reloadDocument}
      >
        {children}
      </Link>
    </p>
  )
}
