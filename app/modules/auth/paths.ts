/** The sign-in pages of the second factor (Dutch, like every path of the app). */
export const paths = {
  secondStep: '/login/tweede-stap',
  enrolment: '/profiel/tweestapsverificatie',
} as const

/** The page with `?redirectTo=` back to where the person was going, when that is not the home page. */
export function withRedirectTo(page: string, back: string): string {
  return back === '/' ? page : `${page}?${new URLSearchParams({ redirectTo: back })}`
}
