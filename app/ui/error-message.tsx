/**
 * What an error page says: its title, what happened and what to do, and the way back. The route error
 * boundary (root.tsx) and the server's own refusal page (modules/http/refusal.server.tsx) both show it.
 */
export function ErrorMessage({
  title,
  texts,
  homeLabel,
}: {
  title: string
  texts: string[]
  homeLabel: string
}) {
  return (
    <section className="zwin-error" aria-labelledby="error-title">
      <h1 id="error-title" className="utrecht-heading-1">
        {title}
      </h1>
      {texts.map((text) => (
        <p key={text} className="utrecht-paragraph">
          {text}
        </p>
      ))}
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href="/">
          {homeLabel}
        </a>
      </p>
    </section>
  )
}
