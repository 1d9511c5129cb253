/** One document found by a search, as the search page shows it (either database). */
export type DocumentHit = {
  id: string
  title: string
  type: string
  networkSlug: string
  networkShortName: string
  ownerName: string
  updatedAt: string
  snippet: string
}
