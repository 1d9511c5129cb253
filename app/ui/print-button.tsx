import { useEffect, useState } from 'react'

/** "Afdrukken" needs JavaScript; without it the button is not shown (the browser's own print works). */
export function PrintButton({ label }: { label: string }) {
  const [ready, setReady] = useState(false)
  useEffect(() => setReady(true), [])
  if (!ready) return null
  return (
    <p className="zwin-actions zwin-no-print">
      <button
        type="button"
        className="utrecht-button utrecht-button--secondary-action"
        onClick={() => window.print()}
      >
        {label}
      </button>
    </p>
  )
}
