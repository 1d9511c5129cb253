import { useId } from 'react'

/**
 * A wide table on a narrow screen scrolls sideways; the region can then take focus and is named after the
 * table's caption (or the heading `labelledBy` points at), so keyboard users can scroll it too (WCAG 2.1.1).
 */
export function ScrollableTable({
  caption,
  labelledBy,
  children,
}: { children: React.ReactNode } & (
  { caption: string; labelledBy?: never } | { caption?: never; labelledBy: string }
)) {
  const id = useId()
  return (
    <div className="zwin-table-wrap" tabIndex={0} role="region" aria-labelledby={labelledBy ?? id}>
      <table className="zwin-table" aria-labelledby={labelledBy}>
        {caption ? <caption id={id}>{caption}</caption> : null}
        {children}
      </table>
    </div>
  )
}
