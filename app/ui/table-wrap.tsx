import { useId } from 'react'

/**
 * A wide table on a narrow screen scrolls sideways; the region can then take focus and is named after its
 * caption, so keyboard users can scroll it too (WCAG 2.1.1).
 */
export function ScrollableTable({
  caption,
  children,
}: {
  caption: string
  children: React.ReactNode
}) {
  const id = useId()
  return (
    <div className="zwin-table-wrap" tabIndex={0} role="region" aria-labelledby={id}>
      <table className="zwin-table">
        <caption id={id}>{caption}</caption>
        {children}
      </table>
    </div>
  )
}
