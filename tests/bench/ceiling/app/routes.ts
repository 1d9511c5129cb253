import { type RouteConfig, index } from '@remix-run/route-config'

// The ceiling app has one page.
export default [index('routes/items.tsx')] satisfies RouteConfig
