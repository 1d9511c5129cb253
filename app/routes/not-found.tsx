import { notFound } from '~/modules/access/access.server'

// Unknown URLs get the same 404 page as objects outside the user's reach.
export function loader(): never {
  throw notFound()
}

export function action(): never {
  throw notFound()
}

export default function NotFound() {
  return null
}
